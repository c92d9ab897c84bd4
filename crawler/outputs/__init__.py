"""Everything a reader gets out: the digest (build, render, deliver), export, search and
the datasette server."""
