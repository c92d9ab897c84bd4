"""Unlisted bodies (issue #12, twenty-second session): the head of a county, city or
province written with the place's own suffix (屏東縣長, 上海市长) and the words that only
look like one (宜蘭縣長者, 广东省长期)."""

from __future__ import annotations

from pipelines.tagging import Tagger
from tests.tag_support import agencies


def test_a_head_written_with_the_places_suffix_is_its_government(tagger: Tagger) -> None:
    assert "tw-pingtung-gov" in agencies(tagger, "屏東縣長也透過書面意見，建議中央補助偏鄉設備。")
    assert "tw-hsinchu-gov" in agencies(tagger, "新竹縣長表示，將擴大試辦。")
    assert "cn-gd-gov" in agencies(tagger, "广东省长在会上表示，要加快人工智能应用。")
    assert "cn-shanghai" in agencies(tagger, "上海市长表示，将推进城市数字化转型。")
    # a deputy is written with the suffix too: 新竹縣副縣長
    assert "tw-hsinchu-gov" in agencies(tagger, "新竹縣副縣長出席啟用典禮。")


def test_a_word_after_the_suffix_is_no_head(tagger: Tagger) -> None:
    # the elderly of the county, "for a long time", and another place (湖南省长沙市)
    assert not agencies(tagger, "宜蘭縣長者可免費使用AI陪伴機器人。")
    assert not agencies(tagger, "广东省长期以来重视人工智能产业。")
    assert "cn-hunan-gov" not in agencies(tagger, "湖南省长沙市发布人工智能产业规划。")


def test_a_development_zones_committee_and_its_bureaux(tagger: Tagger) -> None:
    text = ("苏州工业园区管理委员会近日印发措施。申请由园区科技创新委员会受理。"
            "园区管委会同时成立人工智能产业发展工作专班。园区综合行政执法局已试点智能视频分析。")
    found = agencies(tagger, text)
    committee = found["cn-suzhou-gongyeyuanqu-guanweihui"]
    # 园区管委会 is the committee the office list composes, with its name
    assert committee["name"] == "Suzhou Industrial Park Administrative Committee"
    assert committee["mentions"] == ["苏州工业园区管理委员会", "园区管委会"]
    for unit in ("kejichuangxinweiyuanhui", "zonghexingzhengzhifaju",
                 "rengongzhinengchanyefazhangongzuozhuanban"):
        assert found[f"cn-suzhou-gongyeyuanqu-guanweihui-{unit}"]["parent"] == \
            "cn-suzhou-gongyeyuanqu-guanweihui"
    # a bureau named with the zone's full name is one of the committee's too
    found = agencies(tagger, "苏州工业园区行政审批局表示，审批时间缩短一半。")
    assert found["cn-suzhou-gongyeyuanqu-guanweihui-xingzhengshenpiju"]["parent"] == \
        "cn-suzhou-gongyeyuanqu-guanweihui"
    # 经开区管委会 after 北京经济技术开发区 is the zone's committee, not a district's
    found = agencies(tagger, "北京经济技术开发区管理委员会发布方案。经开区科技创新局表示，"
                             "经开区管委会将提供算力补贴。")
    assert set(found) == {"cn-beijing-jingkai-guanweihui",
                          "cn-beijing-jingkai-guanweihui-kejichuangxinju"}


def test_zone_words_need_one_zone_named_before_them(tagger: Tagger) -> None:
    # no zone named: 园区管委会 is no one's; two zones named: which one is not said
    assert not agencies(tagger, "园区管委会表示，将提供算力补贴。")
    found = agencies(tagger, "成都高新区管委会与西安高新区管委会签约。新区管委会表示欢迎。")
    assert set(found) == {"cn-chengdu-gaoxin-guanweihui", "cn-xian-gaoxin-guanweihui"}
    # 其他园区 is another park; 建有 ("has built") starts no name
    found = agencies(tagger, "苏州工业园区管委会表示，其他园区管委会也将跟进。贵安新区建有大型数据中心。")
    assert set(found) == {"cn-suzhou-gongyeyuanqu-guanweihui"}


def test_a_peoples_congress_and_its_committees(tagger: Tagger) -> None:
    found = agencies(tagger, "上海市第十六届人大常委会会议举行。市人大财政经济委员会在审议意见中建议细化标准。")
    assert found["cn-shanghai-renda-caizhengjingjiweiyuanhui"]["parent"] == "cn-shanghai-renda"
    assert "cn-zhejiang-renda" in agencies(tagger, "浙江省人大表示，将开展立法调研。")
    # 人大附中 is a school (Renmin University's), not the congress
    assert not agencies(tagger, "北京市人大附中学生获得人工智能竞赛一等奖。")


def test_the_districts_own_task_force(tagger: Tagger) -> None:
    found = agencies(tagger, "德清县农业农村局表示，县智慧植保工作专班已完成试点。")
    assert found["cn-deqing-gov-zhihuizhibaogongzuozhuanban"]["parent"] == "cn-deqing-gov"
    found = agencies(tagger, "上海市徐汇区数据局表示，徐汇成立了区人工智能应用推进工作组。")
    assert found["cn-shanghai-xuhui-gov-rengongzhinengyingyongtuijingongzuozu"]["parent"] == \
        "cn-shanghai-xuhui-gov"
    # a bureau setting one up, or staffing one, names no task force of the district
    found = agencies(tagger, "深圳市福田区政务服务和数据管理局表示，区政数局设专班推进。"
                             "区住建局抽调技术人员组成驻点工作组。")
    assert not [a for a in found if "zhuanban" in a or "gongzuozu" in a]


def test_listed_bodies_of_this_session(tagger: Tagger) -> None:
    found = agencies(tagger, "AUSTIN, Texas — The Texas Comptroller's office estimated the savings.")
    assert "us-tx-comptroller-of-public-accounts" in found
    found = agencies(tagger, "SANTIAGO, Chile — The fund will be managed by the Government Digital "
                             "Secretariat of the Ministry of Finance. The Comptroller General said "
                             "public bodies must explain their algorithms.")
    assert found["cl-government-digital-secretariat"]["parent"] == "cl-ministry-of-finance"
    assert "cl-comptroller-general-of-the-republic" in found
    assert "ie-teagasc" in agencies(tagger, "Advisers from Teagasc said herds were reaching targets.")
    assert "mx-national-commission-for-the-retirement-savings-system" in agencies(
        tagger, "MEXICO CITY — The pension regulator CONSAR said fees fell.")
    assert "jp-bank" in agencies(tagger, "TOKYO — The Bank of Japan will join as an observer.")
    found = agencies(tagger, "BRASILIA — The court gave the Ministry of Management and Innovation "
                             "in Public Services (MGI) the register. Officials of Brazil's "
                             "Secretariat of Digital Government said it would use gov.br.")
    assert found["br-mgi-secretariat-of-digital-government"]["parent"] == "br-mgi"
    assert "ng-railway-corporation" in agencies(
        tagger, "LAGOS — The Nigerian Railway Corporation (NRC) will share tracks.")
    assert "co-superintendence-of-industry-and-commerce" in agencies(
        tagger, "BOGOTA — Colombia's Superintendency of Industry and Commerce did not respond.")
    found = agencies(tagger, "TOKYO — The Minister of State for Science and Technology Policy "
                             "told reporters after a cabinet meeting that the plan was ready.")
    assert "jp-cabinet-office" in found


def test_nhs_trusts_in_general_are_not_the_nhs(tagger: Tagger) -> None:
    assert "gb-nhs" not in agencies(tagger, "LONDON — Funding will help councils, NHS trusts and "
                                            "central departments. Both NHS bodies said so.")
    assert "gb-nhs" in agencies(tagger, "LONDON — The NHS said it would publish accuracy data.")


def test_the_department_side_before_its_unit(tagger: Tagger) -> None:
    found = agencies(tagger, "運輸署表示，署方轄下智慧出行組負責系統日常運作。")
    assert found["hk-td-zhihuichuxingzu"]["parent"] == "hk-td"
    assert found["hk-td"]["mentions"] == ["運輸署", "署方"]
    found = agencies(tagger, "運輸署表示，署方的智能交通組負責運作試點。")
    assert found["hk-td-zhinengjiaotongzu"]["parent"] == "hk-td"
    # 局方 before no link word is "the bureau's": 局方系統 is its system, no unit
    found = agencies(tagger, "醫管局強調，局方系統並無採用外間機構的模型，資料只存於數據中心。")
    assert set(found) == {"hk-ha"}


def test_the_province_after_a_verb_and_more_zones(tagger: Tagger) -> None:
    found = agencies(tagger, "浙江省发展和改革委员会表示，企业应通过省发改委官网直接申报。")
    assert set(found) == {"cn-zhejiang-drc"}
    found = agencies(tagger, "杭州高新技术产业开发区管理委员会出台政策。高新区管委会有关负责人说。")
    assert set(found) == {"cn-hangzhou-gaoxin-guanweihui"}
    found = agencies(tagger, "苏州工业园区管委会成立专班，成员来自园区经济发展委员会。")
    assert "cn-suzhou-gongyeyuanqu-guanweihui-jingjifazhanweiyuanhui" in found


def test_the_states_minister_is_no_federal_title(tagger: Tagger) -> None:
    found = agencies(tagger, "SYDNEY — The NSW Department of Education will roll it out to every "
                             "public high school, the state's Minister for Education announced.")
    assert "au-education" not in found and "au-nsw-doe" in found


def test_a_unit_named_with_its_parent_beats_a_body_read_from_the_dateline(tagger: Tagger) -> None:
    found = agencies(tagger, "CHENNAI, India — The Department of Revenue in the Ministry of Finance "
                             "has approved 310 crore rupees for computing infrastructure.")
    assert found["in-ministry-of-finance-department-of-revenue"]["parent"] == "in-ministry-of-finance"
    assert "in-chennai-government-department-of-revenue" not in found
    found = agencies(tagger, "SACRAMENTO, Calif. — The Office of Data and Innovation, part of the "
                             "California Government Operations Agency, will publish error rates.")
    assert "us-ca-government-operations-agency-office-of-data-and-innovation" in found
    assert "us-ca-office-of-data-and-innovation" not in found


def test_a_states_general_assembly_named_by_its_committee(tagger: Tagger) -> None:
    found = agencies(tagger, "DENVER — The Colorado Department of Labor and Employment will use the "
                             "tool. Members of the General Assembly's Joint Technology Committee "
                             "asked for quarterly reports.")
    assert found["us-co-general-assembly-joint-technology-committee"]["parent"] == \
        "us-co-general-assembly"
    assert "us-co-general-assembly" in found
    # "the House Committee on …" names the committee, not the chamber
    found = agencies(tagger, "AUSTIN, Texas — The Texas Department of Information Resources said "
                             "the House Committee on Delivery of Government Efficiency would hear it.")
    assert "us-tx-house-of-representatives" not in found


def test_colorado_and_mexico_city_heads(tagger: Tagger) -> None:
    found = agencies(tagger, "DENVER — Colorado's Governor's Office of Information Technology said so. "
                             "The Colorado Attorney General, whose Department of Law enforces the "
                             "law, was briefed.")
    assert set(found) == {"us-co-governors-office-of-information-technology",
                          "us-co-department-of-law"}
    found = agencies(tagger, "MEXICO CITY — Mexico City's Digital Agency for Public Innovation (ADIP) "
                             "launched it. The Head of Government presented the service.")
    assert "mx-cdmx" in found
    assert not agencies(tagger, "LONDON — The Head of Government said so.")


def test_santiagos_transport_bodies(tagger: Tagger) -> None:
    found = agencies(tagger, "SANTIAGO, Chile — The Metropolitan Public Transport Directorate (DTPM), "
                             "which manages the Red system, said waits fell. The Metropolitan "
                             "Regional Government of Santiago (GORE) will pay for shelters, and the "
                             "Ministry of Transport and Telecommunications approved the plan.")
    assert found["cl-ministry-of-transport-and-telecommunications-metropolitan-public-transport-"
                 "directorate"]["parent"] == "cl-ministry-of-transport-and-telecommunications"
    assert {"cl-santiago-government", "cl-ministry-of-transport-and-telecommunications"} <= set(found)
    assert "de-bavarian-state-office-for-taxes" in agencies(
        tagger, "MUNICH — The Bavarian State Tax Office will use AI to sort letters.")
