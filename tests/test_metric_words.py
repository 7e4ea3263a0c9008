"""Metrics keep the word a removed name or year ends inside (issue #15, M1), checked exactly: the spec
files compare metrics by character Dice ≥ 0.5, which one lost character never fails."""

import pytest

CASES = [
    # 中国 read from 38人中|国会议员: only 中 goes
    ("自民党女性局表示，38人中国会议员只有4人。", "4人", "国会议员"),  # 只 (adverb_tail) goes since h195
    # 2022-2023年 of 2022-2023年度人物: 年度人物 stays, not 度人物
    ("最终选定“宁夏好护士”2022-2023年度人物各10名。", "10名", "年度人物"),
]

# a count's noun right after it, opened by modifiers or a title prefix (issue #15, Run 10): metric starts so
NOUN_AFTER = [
    ("负责京沪、京广及西长线7条普速线路的救援。", "7条", "普速线路"),  # jieba: 7|条普速|线路
    ("来自各部门的数十位青年员工参加了培训。", "十位", "青年员工"),
    ("公司对其他7 名前雇员提起诉讼。", "7 名", "前雇员"),
    ("本届运动会设聋人篮球10项比赛。", "10项", "比赛"),  # 比赛: a verbal noun (vn)
]

# the noun after a count runs past a digit of no figure (4K) to its head (Run 10)
NOUN_HEAD = [("该头显包括两个高分辨率 4K micro-OLED显示屏。", "两个", "显示屏")]

# exact metrics (issue #15): a count of places counts the places before it
EXACT = [
    ("京津冀三地体育部门负责人出席会议。", "三地", "京津冀"),
    ("粤港澳三地通关时间缩短。", "三地", "粤港澳"),
    # a trailing adverb (link_cues adverb_tail) goes, a word ending in one stays (h195)
    ("闭店门店数仅15家。", "15家", "闭店门店数"),
    # h375: also 则, 就, 可以 … after a noun (a dictionary word 数则 over it yields to the noun 人数), once a verb is cut too;
    # a noun of two characters only late (价格, 全程: not sent to the words after); 平均 and an age stay
    ("17人死亡，韩国整体的遇难者人数则上升至35人。", "35人", "整体的遇难者人数"),
    ("光是盛放消杀液的大桶就有6个，总容量可以达到600升。", "600升", "总容量"),
    ("代购的某款面霜，价格仅300多元。但记者查询电商平台发现", "300多元", "价格"),
    ("院方称，全程仅15分钟极目新闻记者张奇报道。", "15分钟", "全程"),
    ("北京地区全市平均降雨量176.9毫米，门头沟区平均322.1毫米。", "322.1毫米", "平均降雨量"),
    ("获救老人有70多岁高龄，孩子仅3岁。", "3岁", "年龄"),
    ("该区高层次人才3000名。", "3000名", "高层次人才"),
    # h379: the same cut after the figure (cleaning cues 分别, 有, 完成 put aside), at a jieba word edge only; 船只, 原则 stay
    ("今天一早，北京十二中的400余名高一新生就从学校徒步行军前往抗战馆。", "400余名", "高一新生"),
    ("其他两处野火也分别有80%和50%得到控制。", "两处", "野火"),
    ("省第二轮中央生态环保督察反馈需限期整改的49个问题已完成32个。", "49个", "问题"),
    ("决定向河北涿州灾区捐赠20条专业救援船只（含马达）。", "20条", "专业救援船只"),
    ("她认为，学校文化有三个原则：生态性、人本性和发展性。", "三个", "原则"),
    # words before a figure that only modify the noun after it: a count of one and its classifier, 上述/以下, a phrase
    # they or 最 open ending in 的; the noun after, a size word and 的 skipped (issue #15 M2, h227, link_modifier)
    ("发布了一段14分钟长的视频。", "14分钟", "视频"),
    ("发生在包头市的一座十层高楼上。", "十层", "高楼"),
    ("业界最大的92英寸HUD抬头显示。", "92英寸", "HUD抬头显示"),
    ("此前已预拨上述地区的1.7亿元资金。", "1.7亿元", "资金"),
    ("可以让用户获得最多3个屏幕。", "3个", "屏幕"),
    # a count with a classifier after a verb: the noun jieba tags no noun phrase after it, or the noun after the 的 of
    # a verb phrase (issue #15 M2, h241, link_counted.counted_run); 新建 (jieba ns) a count_lead word
    ("日本计划新建2艘宙斯盾舰。", "2艘", "宙斯盾舰"),
    ("芬兰政府允许3架来自俄罗斯的飞机进入其领空。", "3架", "飞机"),
    ("警方抓获3名涉嫌盗窃的嫌疑人。", "3名", "嫌疑人"),
    ("这次3名受伤的执法工作人员均无生命危险。", "3名", "执法工作人员"),
    ("他连续3次打破纪录。", "3次", "打破纪录"),  # guard: an event unit keeps its verb phrase
    ("约400名与会人员出现不同程度的中暑症状。", "400名", "与会人员出现不同程度的中暑症状"),  # guard: a verb after a noun before 的
    ("途径有三种包括通过食物摄入通过伤口或者呼吸道以及通过医疗项目进入体内中毒后的症状。", "三种", "途径"),  # guard: 的 far off
    ("他们发现一个6岁大的小女孩不慎落入水中。", "6岁", "小女孩"),
    # a count with a classifier counts the noun run after it though no verb stands before it, or the noun after an
    # adjective and its 的 (issue #15 M2, h249, link_counted.counted_noun); guards: a verb or a figure after, 的 right after
    ("还是伯克希尔两位资管经理。", "两位", "资管经理"),
    ("甘草、罗汉果十种食材。", "十种", "食材"),
    ("辖区其他10个街镇派出所因地制宜开展行动。", "10个", "街镇派出所"),
    ("获得胜利油田45台修井机。", "45台", "修井机"),
    ("只要在皮肤上切两个小的切口就可以了。", "两个", "切口"),
    ("视频其实是3个不同的小朋友。", "3个", "小朋友"),
    ("她发现店内11个存放金银首饰的柜台被窃贼撬开。", "11个", "柜台"),
    ("在受访企业中有2家表示将扩产。", "2家", "受访企业中"),  # guard: a verb after the count
    ("查获真烟96565万支假烟20934万支。", "96565万支", "查获真烟"),  # guard: a figure after the noun
    ("马里和乍得五个邻国的陆地边界。", "五个", "邻国"),  # guard: a noun before 的
    ("附近有3个大型商场的停车场。", "3个", "大型商场"),  # guard: a noun before 的
    # a count right after 的 counts the noun run after it though a verb opens it (issue #15 M2, h267, link_counted._de_before)
    ("周振宇就领办的3件信访事项进行了督办。", "3件", "信访事项"),
    ("由40余名警力组成的16个抓捕小组同时行动。", "16个", "抓捕小组"),
    ("人大代表提出的二十二条具体修改建议。", "二十二条", "具体修改建议"),  # 条: jieba's noun (link_cues noun_classifier)
    ("企业利润增长的5%来自出口。", "5%", "企业利润增长"),  # guard: no count
    ("其中的3家企业已经投产。", "3家", "企业已经投产"),  # guard: 其中 names nothing, today's reading
    ("100名参议员中的97人都曾接受捐款。", "97人", "参议员中"),  # guard: a unit that is a noun
    ("从巴特那的16个到班加罗尔的26个。", "16个", "从巴特那"),  # guard: a verb of one character after the figure
    # an age before 的 and a name or a pronoun (link_cues age_person) is the person's age (issue #15 M1, h232, link_age)
    ("今年30多岁的王俣钦具有多重身份。", "30多岁", "年龄"),
    ("年仅20岁的他一路过关斩将。", "20岁", "年龄"),
    ("77岁的退伍老兵刘福宽说，很好。", "77岁", "年龄"),
    ("车上还带着7岁的女儿和4岁的儿子。", "4岁", "年龄"),  # no name, a list: a run-on metric is the age (h278)
    ("王敬波是上述五人中唯一的一名女性。", "五人", "王敬波是上述"),  # guard: a position word after, no noun
    ("朱一栋2人已是第三次被处罚。", "2人", "朱一栋"),  # guard: 一栋 a name's characters, no noun after
    ("公司营收达10亿元规模。", "10亿元", "公司营收"),  # guard: 达 (amount_lead)
    ("二跑道建设工程累计完成7.87亿元。", "7.87亿元", "二跑道建设工程"),
    ("该区高层次人才3000名。", "3000名", "高层次人才"),
    # a conjunction opening the clause (link_cues strip_head 因为, 由于, 虽然 …) is no part of the metric (h195)
    ("由于平台上部组块重达12000多吨。", "12000多吨", "平台上部组块重"),
    # a count's noun then a measure of them (link_cues count_measure) a figure after gives: the noun alone (h198)
    ("辽宁全省76座中型水库总蓄水量为8.92亿立方米。", "76座", "中型水库"),
    ("震中5公里范围内平均海拔约608米。", "5公里", "范围"),
    ("全省共有76座中型水库总蓄水量增加。", "76座", "中型水库总蓄水量增加"),  # guard: no figure after
    ("园区预计容纳30家企业总部和10000名人才。", "30家", "企业总部"),  # guard: 总部 a noun of its own
    # a metric that is a count_measure cue alone takes the measure a figure before names (M1, h198)
    ("全市平均降雨量已达260毫米，房山区平均415.4毫米。", "415.4毫米", "平均降雨量"),
    ("投稿者年龄最小为4岁，平均为10岁。", "10岁", "平均"),  # guard: no measure before opened by 平均
    # a place then 平均/累计 takes the measure carried; a verb-stem list head the measure named before (M1, h206)
    ("全市平均降雨量已达260毫米，城区平均235.1毫米。", "235.1毫米", "平均降雨量"),
    ("全市累计降雨量已达260毫米，城区累计235.1毫米。", "235.1毫米", "累计降雨量"),
    ("母亲的平均年龄为30.4岁，父亲平均为34.7岁。", "34.7岁", "父亲"),  # guard: no place
    ("全省平均降雨量137.4毫米。其中，降雨较大市：保定市350毫米、定州市319.7毫米。", "319.7毫米", "平均降雨量"),
    ("最大点降雨量152.5毫米。各地降雨情况：大连61.8毫米。", "61.8毫米", "降雨"),  # guard: an extreme
    # a preposition or a verb of having opening a metric is cut (h206)
    ("故超市认为管理公司没有尽到管理义务，在支付部分奖励费150000元后拒付剩余费用。", "150000元", "支付部分奖励费"),
    ("历任管理基金数7只，在任管理基金数5只。", "5只", "在任管理基金数"),  # guard: 在任
    ("在校学生达到6500多万人。", "6500多万人", "在校学生"),  # guard: a dictionary word
    ("全国共有烈士纪念设施25万多处，建有专门的保护管理机构1600多个。", "1600多个", "专门的保护管理机构"),
    # a range's first end measures the noun after its second (h198)
    ("并处一万元以上十万元以下的罚款。", "一万元", "罚款"),
    ("并处一万元以上十万元以下的罚款。", "十万元", "罚款"),
    # a token jieba tags a verb or preposition before a figure, a noun phrase after it: the noun (issue #15 M2, h208)
    ("用户还可以通过拍摄一段5分钟的视频。", "5分钟", "视频"),
    ("对方叫其帮忙开户并承诺给3000元报酬。", "3000元", "报酬"),
    ("纳指跌超2%创2月以来最差。", "2%", "纳指跌"),  # guard: a change word and a qualifier (amount_lead), a verb after
    ("侯友宜则以15.6%垫底。", "15.6%", "侯友宜则以"),  # guard: 以 without 的 leads a verb
    ("每天工作8小时休息一天。", "8小时", "每天工作"),  # guard: a duration then a verb, no noun after it
    # a count's noun before 的 where the noun after names an attribute of it (link_cues count_attribute, count_member
    # after a classifier that counts no persons; h246), a count's noun without a sum_word before a figure (h246)
    ("力争逐步做到18万名持证家政员的信息全覆盖。", "18万名", "持证家政员"),
    ("团队了解两起申请救助案件的基本案情后，及时联系。", "两起", "申请救助案件"),
    ("今年是最早达到400起枪击事件的年份。", "400起", "枪击事件"),
    ("来自宝源社区党群服务中心等14家受赠单位的代表接受赠书。", "14家", "受赠单位"),
    ("等3名受赠单位的代表接受赠书。", "3名", "代表"),  # guard: 名 counts persons, the member
    ("其中7起涉嫌违法的案件已移交检方处理。", "7起", "案件"),  # guard: no attribute after 的
    ("先后转了30笔钱款共10976元到账户。", "30笔", "钱款"),
    ("训保等6个支队共368名消防救援人员参战。", "6个", "支队"),
    ("累计献血19次共7400毫升。", "19次", "共"),  # guard: nothing left before 共
    # a metric that is a fragment (issue #15 M1, h250, link_age.fragment_metric): an age whose metric holds a
    # person's name is the age; a bare filler or time word (经 of 已经, 以来) is none
    ("周女士今年29岁与丈夫在一年前结婚。", "29岁", "年龄"),
    ("两个后腰朴成和德索萨都33岁了，而另外几个中场还不能。", "33岁", "年龄"),
    ("我的账号依然处于封禁状态，已经 17 天了！", "17 天", ""),
    ("暑运一个月以来，约90万名旅客享受便利。", "一个月", "暑运"),
    ("他今年11岁的儿子上学。", "11岁", "年龄"),  # no name (h232); the noun run on into a verb: the age (h278)
    ("一名24岁男子爬上巴黎埃菲尔铁塔。", "24岁", "男子"),  # a person noun run on into a verb: the noun (h227, h285)
    ("搜救人员发现一名30岁的男子。", "30岁", "男子"),
    ("包括“周末草坪”和“激情夏夜”两场摇滚音乐演出。", "两场", "摇滚音乐演出"),  # quoted names before a count: the noun after (h285)  # guard: an age before a person noun ending the clause keeps it (h227, h278)
    ("二者差距为2.5岁。", "2.5岁", "二者差距"),  # guard: an age gap (link_cues age_keep, h278)
    ("周女士今年买了29斤苹果。", "29斤", "苹果"),  # guard: no age
    ("反兴奋剂工作实现两个首次，一是在大运会历史上。", "两个", "首次"),  # guard: a longer no_metric word after the figure stays
    # a metric that is only a list's names or places (issue #15 M1/M2, h256, link_listed): a count of listed persons
    # measures the person noun after it, else nothing; a measure of a place list its head, the noun after or the
    # list's measure before without its place
    ("继续对柴保军、解丽萍2名在逃命案嫌疑人进行悬赏通缉。", "2名", "在逃命案嫌疑人"),
    ("该院呼吸与危重症医学科的9名医务人员联名举报科主任孟婕。", "9名", "医务人员"),
    ("其中，夏某弟、孙某三、张某飞、梅某、李某坤等5人已被公安机关采取刑事强制措施。", "5人", ""),
    ("目前，被抓获的两名犯罪嫌疑人朱某、任某已移交山东警方。", "两名", "犯罪嫌疑人"),
    ("最低气温湘西、湘南22～24℃，其他地区25～27℃。", "22～24℃", "最低气温"),
    ("上海地区发送旅客超1340万人次，浙江地区超2420万人次，江苏地区超2740万人次。", "2740万人次", "发送旅客"),
    ("届时将邀请京津冀三地体育部门负责人。", "三地", "京津冀"),  # guard: a count of places
    ("广东省GDP达13万亿元。", "13万亿元", "GDP"),  # guard: a place owning a noun
    ("数千名博索纳罗的支持者1月8日闯入国会大厦。", "千名", "博索纳罗的支持者"),  # guard: a name owning the noun
    # names that own a 分别 list are no metrics: the clause's measure (h263, link_respectively); guard: a list of measures
    ("韩国、越南、日本的出口额分别同比下降了12.4%、11.9%、6.0%。", "11.9%", "出口额下降"),
    ("日本和韩国的市值分别下降了0.70%和2.50%。", "2.50%", "市值下降"),
    ("哈尔滨、扬州新建住宅价格环比跌幅较大，分别为0.48%和0.34%。", "0.34%", "新建住宅价格环比跌幅较大"),
    ("中国移动上半年营收和净利润分别为5000亿元和761亿元。", "761亿元", "净利润"),
    # a count after a preposition is its object: its noun stops before the clause's verb (h264); guards: a verbal noun
    # measured, a noun after a verb, a joint, a count's noun before its own predicate (gold keeps it)
    ("今年上半年，为1987户企业发放稳岗返还。", "1987户", "企业"),
    ("巴黎高等法院对10名男子进行审判。", "10名", "男子"),
    ("25米后逐渐被两名美国选手反超。", "两名", "美国选手反超"),  # guard: jieba tags 选手 v; a name alone is no cut
    ("公司向该项目追加3亿元投资。", "3亿元", "投资"),
    ("服务中心新设5个服务窗口。", "5个", "服务窗口"),
    ("对外贸易扩大至228个国家和地区。", "228个", "国家和地区"),
    ("广东省共有2家企业获得特医食品注册。", "2家", "企业获得特医食品注册"),
]

# a change whose words before name only the comparison (base words, adverbs, 同期) takes the measure of the figure
# before in its sentence, the change kept (issue #15 M1, h217); a change of its own noun keeps it
CHANGE_CARRIED = [
    ("单个硬盘平均容量为12亿元，环比也下滑3%。", "3%", "单个硬盘平均容量下滑", "down"),
    ("营业收入12亿元，同比也增长5%。", "5%", "营业收入增长", "up"),
    ("全国共发生地质灾害665起，与去年同期相比减少了86.4%。", "86.4%", "发生地质灾害减少", "down"),
    ("营业收入12亿元，净利润同比增长5%。", "5%", "净利润增长", "up"),  # guard: a noun of its own
    # a stem opening with a compare_lead word names the thing compared with (issue #15 M1, h274)
    ("募集资金净额为382,726.82万元，较原计划多92,726.82万元。", "92,726.82万元", "募集资金净额多", "up"),
    ("近十年全市平均年高温日数达到了42.5天，比前三十年平均增加18.2天。", "18.2天", "平均年高温日数增加", "up"),
    ("周二意大利银行股领跌全欧，比较知名的银行诸如裕信跌6%。", "6%", "比较知名的银行诸如裕信跌", None),  # guard: 比较
    # a comparison word (快: compare_up) after a change figure compares the growth (h301; was kept as written, h274)
    ("装备制造业增加值增长8.6%，比全部规模以上工业快1.4个百分点。", "1.4个百分点", "装备制造业增加值增长快", "up"),
]


# a one-character change after 同比/环比/较, a carrier naming only the comparison or ending in a change word skipped,
# and 多达/长达 qualifiers (issue #15 M1, h218)
SHORT_CHANGE = [
    ("新希望销售生猪138.06万头，环比增9.38%，同比增46.51%。", "9.38%", "新希望销售生猪增", "up"),
    ("营业收入20.59亿元，同比降4.98%。", "4.98%", "营业收入降", "down"),
    ("开工率为73.83%，较去年同期的97.68%下滑了近24个百分点。", "24个百分点", "开工率下滑", "down"),
    ("公司营业收入29.9亿美元，美股盘后涨2.75%，同比下降3.5%。", "3.5%", "公司营业收入下降", "down"),
    ("现场游客多达1000人。", "1000人", "现场游客", None),
    ("活动长达3小时。", "3小时", "活动", None),
    ("营业收入12亿元，新增3家门店。", "3家", "门店", None),  # guard: 新增
    ("营收同比增长达10%。", "10%", "营收增长", "up"),  # guard: 增长达
    ("这条鳄鱼长达4米。", "4米", "这条鳄鱼长", None),  # guard: a length keeps 长, its measure
    # a count with a classifier right after a change word counts the noun after it, the change kept (issue #15 M2,
    # h244, link_counted.counted_change); guards: no noun after, a unit word after
    ("该款键盘还增加1个摸鱼键，方便用户使用。", "1个", "摸鱼键", "up"),
    ("中部地区减少2个县域，西部地区增加4个县域。", "2个", "县域", "down"),
    ("预计2024年每月减少5000个就业岗位。", "5000个", "就业岗位", "down"),
    ("门店数量增加5家。", "5家", "门店数量增加", "up"),  # guard: the noun before, nothing after
    ("占比同比增加3个百分点。", "3个百分点", "占增加", "up"),  # guard: a unit word after (百分点)
    ("和值比前期下降43个点位，本期看好。", "43个", "值比前期下降", "down"),  # guard: link_cues count_unit_word
    ("可能会增加三四个人的就业。", "三四个", "可能会增加", "up"),  # guard: a unit (人) after
]


@pytest.mark.parametrize("text,figure,metric,change", SHORT_CHANGE)
def test_short_change_and_carry(extractor, text, figure, metric, change):
    spans = extractor.record("spec", text, {"date": "2023-08-01"})["spans"]
    span = next(s for s in spans if s["text"] == figure)
    assert (span.get("metric"), span.get("change")) == (metric, change)


@pytest.mark.parametrize("text,figure,metric,change", CHANGE_CARRIED)
def test_change_takes_measure_carried(extractor, text, figure, metric, change):
    spans = extractor.record("spec", text, {"date": "2023-08-01"})["spans"]
    span = next(s for s in spans if s["text"] == figure)
    assert (span.get("metric"), span.get("change")) == (metric, change)


@pytest.mark.parametrize("text,figure,part", CASES)
def test_metric_keeps_word(extractor, text, figure, part):
    spans = extractor.record("spec", text, {"date": "2023-08-01"})["spans"]
    metric = next(s.get("metric") for s in spans if s["text"] == figure)
    assert part in metric, metric


@pytest.mark.parametrize("text,figure,head", NOUN_AFTER)
def test_count_takes_noun_after(extractor, text, figure, head):
    spans = extractor.record("spec", text, {"date": "2023-08-01"})["spans"]
    metric = next(s.get("metric") for s in spans if s["text"] == figure)
    assert metric.startswith(head), metric


@pytest.mark.parametrize("text,figure,tail", NOUN_HEAD)
def test_count_noun_runs_to_head(extractor, text, figure, tail):
    spans = extractor.record("spec", text, {"date": "2023-08-01"})["spans"]
    metric = next(s.get("metric") for s in spans if s["text"] == figure)
    assert metric.startswith("高分辨率") and metric.endswith(tail), metric


@pytest.mark.parametrize("text,figure,metric", EXACT)
def test_metric_exact(extractor, text, figure, metric):
    spans = extractor.record("spec", text, {"date": "2023-08-01"})["spans"]
    assert next(s.get("metric") for s in spans if s["text"] == figure) == metric
