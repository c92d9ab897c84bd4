#!/bin/sh
# Make the eight prompts of blind set N (four writers, each then mapping its own half).
# usage: sh bench/labelled/prompts/new_set.sh N COMMIT BLIND SNAP REPO NEWEST...
#   N       the new set's number (its ids are bNen-01.., bNzh-01..)
#   COMMIT  the commit whose `git archive` is in SNAP (the gazetteer the mappers read)
#   BLIND   a scratch folder outside the checkout (prompts and writers' files go there)
#   SNAP    the snapshot folder; REPO the checkout (its .venv runs bench/label_ids.py)
#   NEWEST  the newest labelled sets, newest first (e.g. blind72 blind71 blind70)
set -eu
n=$1 commit=$2 blind=$3 snap=$4 repo=$5; shift 5
here=$(dirname "$0")
out="$blind/prompts$n"; mkdir -p "$out"
date=$(date -u +%Y-%m-%d)
lean_en_a='this half leans to Asia and continental Europe: Japan (3 stories: a ministry, a prefecture or city, a unit inside an agency), South Korea (2), India (2: a state department, a unit of a union ministry), a German Land or another EU region, Estonia or another small state, Indonesia or another ASEAN country, Brazil;'
lean_en_b='this half leans to the US (3 stories: state and city departments, a federal unit), the UK (3: councils, NHS bodies, police), Canada, Australia, Africa (Kenya, Nigeria, South Africa) and Latin America (Mexico, Brazil, Chile, Colombia);'
lean_zh_a='about 6 Hong Kong (Traditional Chinese, HK outlets'"'"' style: 明報、星島、巴士的報、香港01、政府新聞公報), 5 mainland China (Simplified Chinese; province, city, district and county bodies: 区政务服务和数据管理局、市大数据中心、县人民政府、街道办事处、网信办、发改委), 2 Taiwan (Traditional; 數位發展部、縣市政府局處), 1 Macau, 1 Singapore or other (Chinese-language press).'
lean_zh_b='about 5 Hong Kong (Traditional Chinese; 政策局、部門、法定機構、區議會), 6 mainland China (Simplified Chinese; district and county bureaux, 开发区管委会, city 数据局, provincial departments, 人大常委会), 2 Taiwan (Traditional; 縣市政府局處, 立法院委員會), 1 Macau, 1 Singapore or Malaysia (Chinese-language press).'
newest=$1; list=$(echo "$@" | sed 's/ /, /g')
for lang in en zh; do for half in a b; do
  if [ $half = a ]; then first=01 last=15; else first=16 last=30; fi
  eval lean=\$lean_${lang}_$half
  sed -e "s|\$LEAN|$lean|g" "$here/writer-$lang.md" > "$out/bod${n}_${lang}_$half.md"
  cp "$here/map-own.md" "$out/map${n}_${lang}_$half.md"
  for f in "$out/bod${n}_${lang}_$half.md" "$out/map${n}_${lang}_$half.md"; do
    sed -i -e "s|\$BLIND|$blind|g; s|\$REPO|$repo|g; s|\$SNAP|$snap|g; s|\$COMMIT|$commit|g" \
      -e "s|\$NEWESTLIST|$list|g; s|\$NEWEST|$newest|g; s|\$DATE|$date|g" \
      -e "s|\$N|$n|g; s|\$LANG|$lang|g; s|\$HALF|$half|g; s|\$FIRST|$first|g; s|\$LAST|$last|g" "$f"
  done
done; done
ls "$out"
