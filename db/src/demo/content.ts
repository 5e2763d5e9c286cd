import type { HazardCategory } from '@lifeline/shared';

/**
 * Text pools of the FICTIONAL demo data. Every institution name carries the 「（演示）」 marker and
 * a made-up word; addresses are on a made-up 「演示路」; phone numbers use the 1xx-0000-xxxx pattern
 * (stored without dashes so they pass the phone format check). Person names are common surname +
 * given-name combinations, not real people. Finding texts are typical examples written for the
 * demo, not records of any real inspection.
 */

/** The marker every demo institution name starts with. */
export const DEMO_MARK = '（演示）';

/** Common surnames in 泉州/德化. */
export const SURNAMES = ['陈', '林', '黄', '郑', '王', '李', '苏', '赖', '曾', '徐', '涂', '连', '颜', '邱', '张', '刘', '吴', '周', '许', '蔡'] as const;

/** Characters for two-character given names. */
export const GIVEN_CHARS = [
  '志', '明', '秀', '英', '建', '华', '丽', '芳', '文', '国', '海', '燕', '玉', '金', '春', '梅', '清', '辉', '伟', '强',
  '雅', '婷', '晓', '俊', '德', '福', '荣', '桂', '兰', '鸿', '惠', '珍', '永', '宏', '琳', '彬', '静', '锋', '慧', '娟',
] as const;

/** Pinyin slugs of the 18 townships, for demo usernames (demo-xunzhong …). */
export const TOWNSHIP_SLUGS: Readonly<Record<string, string>> = {
  浔中镇: 'xunzhong',
  龙浔镇: 'longxun',
  三班镇: 'sanban',
  龙门滩镇: 'longmentan',
  雷峰镇: 'leifeng',
  南埕镇: 'nancheng',
  水口镇: 'shuikou',
  赤水镇: 'chishui',
  上涌镇: 'shangyong',
  葛坑镇: 'gekeng',
  盖德镇: 'gaide',
  美湖镇: 'meihu',
  杨梅乡: 'yangmei',
  汤头乡: 'tangtou',
  桂阳乡: 'guiyang',
  国宝乡: 'guobao',
  大铭乡: 'daming',
  春美乡: 'chunmei',
};

/** Made-up name words of the demo institutions (generateDemo). */
export const DEMO_WORDS = [
  '颐康', '福寿', '康乐', '松鹤', '安康', '幸福', '乐龄', '颐年', '福泰', '长青',
  '慈晖', '仁爱', '瑞祥', '和美', '颐和', '康宁', '寿康', '百福', '德馨', '惠民',
] as const;

/** Made-up name words of roster files (writeRosterXlsx): disjoint from {@link DEMO_WORDS}. */
export const ROSTER_WORDS = [
  '康泰', '颐安', '福康', '椿龄', '鹤年', '乐康', '宁馨', '怡园', '善德', '恒爱',
  '嘉禾', '祥和', '瑞康', '福满', '松龄', '健安', '同心', '欣悦', '永宁', '馨怡',
] as const;

/** Name endings per institution type; the first elderly-care ending marks a small, township-run home. */
export const NAME_ENDINGS = {
  elderly_care: ['敬老院', '养老院', '颐养中心', '老年公寓', '养老服务中心', '长者照护中心'],
  child_welfare: ['儿童福利院', '儿童关爱中心'],
  relief_station: ['救助管理站', '救助服务站'],
  funeral_service: ['殡仪服务站', '公益性公墓', '殡仪馆'],
  mental_health_welfare: ['精神康复院', '精神康复中心'],
} as const;

/**
 * What an inspector typically writes when an item fails, per checklist item code
 * (db/src/reference/checklists.ts). Examples for the demo only.
 */
export const FINDINGS: Readonly<Record<string, readonly string[]>> = {
  '4.1': ['后楼墙体出现多条贯穿裂缝，房屋安全鉴定报告评为C级，仍安排老人居住', '二层楼板局部下挠、钢筋外露，未做安全鉴定'],
  '4.2': ['消防部门检查意见认定自动喷水灭火系统不能正常运行，至今未整改', '电气线路大面积未穿管，燃气报警和紧急切断装置缺失'],
  '4.3': ['院内加建的彩钢板房芯材为泡沫塑料，现作为老人居室使用', '活动室吊顶和墙面大面积使用可燃装修材料'],
  '4.4': ['载人电梯定期检验合格标志已过期仍在使用', '医用氧气管道未办理使用登记，无定期检验报告'],
  '5.1': ['内设医务室未取得医疗机构执业许可证，也未办理备案', '医务室执业地址与许可证登记地址不一致'],
  '5.2': ['内设食堂食品经营许可证已过期，未办理延续', '食堂未取得食品经营许可证即对外供餐'],
  '5.3': ['锅炉操作人员未取得特种设备作业人员证', '电梯安全管理员证书过期'],
  'LP-01': ['二楼东侧疏散通道堆放轮椅、纸箱等杂物', '一楼走廊堆放晾衣架和被褥，通道宽度不足'],
  'LP-02': ['夜间后门安全出口用链条锁锁闭', '侧门安全出口内侧加装铁栅栏并上锁'],
  'LP-03': ['消防车通道停放多辆私家车和电动车', '消防车通道上搭建简易雨棚'],
  'LP-04': ['老人居室窗户安装固定式防盗网，无逃生出口', '一楼活动室窗户加装焊死的铁栅栏'],
  'LP-05': ['三楼走廊两处疏散指示标志不亮', '楼梯间应急照明灯损坏未更换'],
  'LP-06': ['楼梯间常闭防火门被木楔固定处于开启状态', '防火门闭门器被拆除'],
  'LP-07': ['室内消火栓箱被柜子遮挡', '室外消火栓被花坛圈占'],
  'LP-08': ['走廊墙面布满塑料仿真花藤等可燃装饰物', '门厅吊顶使用可燃材料'],
  'LP-09': ['二楼阳台金属栅栏无法从内部开启', '外窗栅栏的开启装置锈死'],
  'LP-10': ['辅助逃生窗被衣柜遮挡，无法开启', '逃生窗窗台过高，老人无法使用'],
  'LP-11': ['可开启栅栏钥匙由院长随身保管，夜班人员不知存放位置', '逃生窗开启装置未放在固定位置'],
  'LP-12': ['消防救援窗被广告牌遮挡', '消防救援窗无标识'],
  'LP-13': ['切断电源后二楼应急照明持续时间不足', '按下试验按钮后部分疏散指示标志不亮'],
  'LP-14': ['疏散指示标志箭头方向指向死胡同', '疏散指示标志被晾晒衣物遮挡'],
  'LP-15': ['消防控制室夜间仅1人值班', '消防控制室值班人员未持证'],
  'LP-16': ['近两周防火巡查记录空白', '夜间防火巡查记录不连续，存在补记现象'],
  'EF-01': ['消防安全责任人未明确，各岗位消防职责未落实到人'],
  'EF-02': ['消防安全管理制度多年未修订，缺少用火用电安全和隐患整改内容'],
  'EF-03': ['未制定燃气用具使用操作规程'],
  'EF-04': ['与相邻商铺共用疏散楼梯，未书面明确消防安全责任'],
  'EF-05': ['消防控制室值班人员未持消防设施操作员证书', '夜间消防控制室仅1人值班'],
  'EF-06': ['防火巡查记录不全，夜间无巡查记录'],
  'EF-07': ['应急疏散预案未考虑卧床老人转移，本年度未组织演练', '疏散演练未覆盖失能老人'],
  'EF-08': ['部分安全出口、消防设施处未设置安全标志'],
  'EF-09': ['新入职护理员2人未经培训即上岗'],
  'EF-10': ['交接班记录不完整，夜班巡查无记录'],
  'EF-11': ['监控录像查看无登记，老人信息表张贴在公共区域'],
  'EF-12': ['院内发现外来人员向老人推销保健品'],
  'EF-13': ['新入住老人未开展服务安全风险评估'],
  'EF-14': ['未针对防跌倒、防走失等风险制定防范措施'],
  'CW-01': ['应急管理制度不健全，服务流程无书面规定'],
  'CW-02': ['活动室桌角无防护，楼梯护栏间距过大'],
  'CW-03': ['未配备专职或兼职安全管理人员'],
  'CW-04': ['节假日值班巡查记录缺失'],
  'CW-05': ['新改造用房未办理消防验收或备案'],
  'CW-06': ['未制定灭火和应急疏散预案'],
  'CW-07': ['灭火器过期未更换，部分疏散通道堆放杂物'],
  'CW-08': ['工作人员行为规范培训记录缺失'],
  'RS-01': ['接待窗口未公示救助政策和站内规定'],
  'RS-02': ['救助热线通话录音仅保存1个月'],
  'RS-03': ['入站人员身体状况检查记录不全'],
  'RS-04': ['疑似精神障碍人员入站后未按规定处置'],
  'RS-05': ['入站人员随身物品安全检查记录缺失'],
  'RS-06': ['部分受助人员在站时间超过规定期限，无说明'],
  'RS-07': ['乘车费用发放无受助人员签字'],
  'RS-08': ['受助人员擅自离站未作书面记录'],
  'RS-09': ['受助未成年人家庭监护情况未评估'],
  'RS-10': ['灭火器配置不足，消防安全职责未落实'],
  'FS-01': ['出入口未设置禁燃禁放提示'],
  'FS-02': ['火化车间燃油管道有渗漏痕迹，泄漏报警装置失效'],
  'FS-03': ['生活区灭火器过期，消火栓被花圈遮挡'],
  'FS-04': ['烟尘处理设施运行记录缺失'],
  'FS-05': ['公共区域电气线路老化，未定期检查'],
  'FS-06': ['殡仪车维护保养记录不全'],
  'FS-07': ['应急物资储备不足'],
  'FS-08': ['安全巡查记录不连续'],
  'FS-09': ['火化证明管理台账与实际不符'],
  'FS-10': ['祭扫区域未落实防火措施，山林边缘无防火隔离带'],
  'MH-01': ['医疗机构执业许可证诊疗科目与实际开展项目不一致'],
  'MH-02': ['消防控制室值班人员无相应资格'],
  'MH-03': ['擅自拆除二楼部分承重墙改建活动室'],
  'MH-04': ['突发事件应急预案未修订，本年度未组织演练'],
  'MH-06': ['康复服务无书面规程'],
  'MH-07': ['感染控制制度未落实，消毒记录缺失'],
};

/** A finding for items without a specific text. */
export const GENERIC_FINDINGS = ['现场核查该项要求未落实到位，相关记录缺失', '该项要求落实不到位，已当场指出'] as const;

/** Where in the institution, per hazard category. */
export const LOCATIONS: Readonly<Record<HazardCategory, readonly string[]>> = {
  life_passage: ['一楼东侧疏散通道', '二楼走廊', '三楼西侧疏散楼梯', '后门安全出口', '院内消防车通道', '老人居室窗户', '一楼活动室'],
  fire_facility: ['二楼走廊', '楼梯间', '消防控制室', '一楼门厅', '院内室外消火栓', '三楼走廊'],
  electrical: ['配电房', '一楼走廊配电箱', '老人居室', '洗衣房', '厨房'],
  gas: ['厨房', '燃气表间', '锅炉房', '火化车间'],
  building: ['后楼', '加建彩钢板房', '二楼活动室', '主楼'],
  special_equipment: ['载人电梯', '锅炉房', '医用氧气管道'],
  qualification: ['办公室', '锅炉房', '消防控制室', '护理部'],
  food: ['厨房', '食堂'],
  medical: ['医务室', '药房'],
  management: ['办公室', '值班室', '护理站'],
  service: ['护理站', '接待室', '老人居室'],
  other: ['院区', '办公室'],
};

/** Rectification measures (整改措施) per hazard category. */
export const MEASURES: Readonly<Record<HazardCategory, readonly string[]>> = {
  life_passage: ['立即清理通道杂物，划定禁止堆放区域并每日巡查', '拆除固定防盗网，改为可从内部开启的栅栏并设置逃生口', '开启安全出口，改用推闩式门锁，确保服务期间畅通'],
  fire_facility: ['更换损坏的应急照明和疏散指示标志，每月测试一次', '移除遮挡物，恢复防火门闭门器，保持常闭状态', '委托维保单位检修消防设施并出具报告'],
  electrical: ['更换老化线路，线路穿管保护，清理配电箱周边可燃物', '禁止私拉乱接，统一设置电动车集中充电点'],
  gas: ['更换燃气软管，安装可燃气体报警和紧急切断装置', '检修油罐管道，恢复泄漏报警装置'],
  building: ['停止使用并撤离人员，委托房屋安全鉴定并按鉴定意见加固', '拆除可燃芯材彩钢板房，更换为不燃材料'],
  special_equipment: ['立即停用，联系检验机构检验，合格后恢复使用', '办理使用登记并签订维保合同'],
  qualification: ['安排相关人员参加培训考试取得证书，取证前由持证人员上岗', '补办相关许可或备案手续'],
  food: ['停止对外供餐，补办食品经营许可证'],
  medical: ['补办医疗机构执业许可证或备案，规范药品管理'],
  management: ['修订完善制度并组织全员学习，落实专人负责', '补齐巡查记录，落实每日防火巡查和夜间巡查'],
  service: ['开展服务安全风险评估，制定个性化防范措施', '加强工作人员培训和日常检查'],
  other: ['落实专人整改并定期复查'],
};

/** Notes when rectification starts. */
export const START_NOTES = ['已安排专人负责整改', '已制定整改方案，正在落实', '已采购所需材料，开始整改', ''] as const;

/** Notes submitted with a finished rectification (整改情况说明), per category. */
export const SUBMIT_NOTES: Readonly<Record<HazardCategory, readonly string[]>> = {
  life_passage: ['杂物已全部清理，设置禁止堆放标识，附整改后照片', '固定防盗网已拆除，改为内开式栅栏，钥匙放置在固定位置', '安全出口链锁已拆除，更换为推闩锁'],
  fire_facility: ['已更换应急照明灯具和疏散指示标志，测试正常', '防火门已恢复常闭，闭门器已重新安装', '维保单位已检修完毕，系统运行正常，附检测报告'],
  electrical: ['线路已更换并穿管保护，配电箱周边已清理', '已设置电动车集中充电区，楼内禁止充电'],
  gas: ['燃气软管已更换为金属软管，报警装置已安装并测试', '油罐管道已检修，报警装置恢复正常'],
  building: ['已完成加固施工，复核鉴定等级为B级', '彩钢板房已拆除'],
  special_equipment: ['检验机构已检验合格，取得新的合格标志', '已办理使用登记，签订维保合同'],
  qualification: ['相关人员已取得资格证书，附证书复印件', '已补办许可手续'],
  food: ['已取得食品经营许可证'],
  medical: ['已完成医疗机构备案'],
  management: ['制度已修订并组织学习，附签到表', '已补齐巡查记录，指定专人每日巡查'],
  service: ['已完成风险评估并落实防范措施', '已组织全员培训'],
  other: ['已整改完毕'],
};

/** Reasons a verifier returns a rectification (退回原因). */
export const RETURN_REASONS = [
  '现场复查仍有杂物堆放，请彻底清理',
  '整改照片不清晰，无法看出整改后全貌，请补充',
  '只整改了部分点位，其他楼层同类问题未整改',
  '整改材料不全，缺少检测报告',
  '复查时问题反弹，请落实长效管理措施',
] as const;

/** Notes when a rectification is verified and the hazard closed (验收销号). */
export const VERIFY_NOTES = ['现场复查已整改到位，同意销号', '经复查整改符合要求，予以销号', '整改材料齐全，现场核实无误，销号'] as const;

/** Hazards a supervisor snaps on a visit (随手拍), without a checklist. */
export const ADHOC_HAZARDS: readonly { title: string; category: HazardCategory; description: string }[] = [
  { title: '电动自行车在楼道内充电', category: 'electrical', description: '一楼楼道停放电动自行车并飞线充电' },
  { title: '疏散通道堆放杂物', category: 'life_passage', description: '走廊尽头堆放废旧床垫和纸箱' },
  { title: '安全出口被锁闭', category: 'life_passage', description: '白天服务期间后门安全出口上锁' },
  { title: '消防车通道被占用', category: 'life_passage', description: '消防车通道停放施工车辆' },
  { title: '厨房燃气软管老化', category: 'gas', description: '燃气软管老化开裂，长度超过2米' },
  { title: '配电箱周边堆放可燃物', category: 'electrical', description: '配电箱下方堆放纸箱和清洁用品' },
  { title: '灭火器压力不足', category: 'fire_facility', description: '二楼灭火器压力表指针位于红区' },
  { title: '老人居室使用大功率电器', category: 'electrical', description: '居室内使用电热取暖器，插座过载' },
  { title: '常闭防火门处于开启状态', category: 'fire_facility', description: '楼梯间防火门被椅子顶住常开' },
];
