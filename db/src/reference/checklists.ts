/**
 * Reference checklists (检查表) shipped with Lifeline and seeded for the county bureau.
 *
 * Sources (offline compilations of public texts, see shared/reference/):
 * - elderly-care-major-hazard-standard.json: 《养老机构重大事故隐患判定标准》(民政部办公厅, notice
 *   2023-11-27). 22 situations in 5 categories; only 7 (第四条（一）–（四）, 第五条（一）–（三）) are
 *   available from reliable reprints.
 * - life-passage-rules.md: 消防法 / 安全生产法 / 公安部令第61号 and related standards on escape routes,
 *   exits, fire lanes, window bars, exit signs, emergency lighting and fire control rooms.
 * - other-regulations.md: 《养老机构消防安全管理规定》(民发〔2023〕37号), GB 38600-2019,
 *   《儿童福利机构管理办法》, 救助管理机构工作规程 (民发〔2014〕132号), MZ/T 144-2019, MZ/T 056-2014 and
 *   《精神卫生福利机构重大事故隐患判定标准》(民办发〔2025〕1号).
 *
 * Rules followed here:
 * - checkText / checkPoints are our own paraphrase, never presented as official wording.
 * - Nothing is invented. A situation whose official text has not been obtained is entered only as a
 *   placeholder (`isPlaceholder: true`), which the UI shows as 待补充 and never offers in an inspection.
 * - Certainty markers from the sources are kept in legalBasis: 〔已确认〕/〔转述〕/〔待核实〕 in the
 *   per-type checklists, and （转述）/（条号待核实）/（待核实） in the life-passage checklist (where an
 *   unmarked citation was checked against the law text).
 * - Items are 一般隐患 unless a source classifies the situation as 重大事故隐患.
 */
import type { ReferenceChecklist } from './types.ts';

/** check points, one per line */
const lines = (...points: string[]): string => points.join('\n');

// ---------------------------------------------------------------------------------------------
// 1. 养老机构重大事故隐患判定标准（2023）
// ---------------------------------------------------------------------------------------------

const EM_STD = '《养老机构重大事故隐患判定标准》';
const EM_C4 = '第四条 重要设施设备存在严重缺陷';
const EM_C5 = '第五条 安全生产相关资格资质不符合法定要求';
const EM_C6 = '第六条（条号推定）日常管理存在严重问题';
const EM_C7 = '第七条（条号推定）严重违法违规提供服务';
const EM_C8 = '第八条（条号推定）其他可能导致人员重大伤亡、财产重大损失的重大事故隐患';
const EM_PLACEHOLDER_POINTS = lines(
  '占位项：原文未取得，不用于检查。',
  '第五条第（四）项及以后（如有）和第六条至第八条合计尚有15种情形未录入。',
  '县局取得民政部官网（www.mca.gov.cn）发布的标准原文后，按原文逐项录入并删除本占位项。',
);

const elderlyMajorHazard: ReferenceChecklist = {
  code: 'elderly-major-hazard-2023',
  name: '养老机构重大事故隐患判定标准（2023）',
  description:
    '依据民政部办公厅印发的《养老机构重大事故隐患判定标准》，用于排查养老机构是否存在重大事故隐患；存在所列任一情形的，按重大事故隐患登记并督促整改。',
  institutionTypes: ['elderly_care'],
  sourceNote:
    '《养老机构重大事故隐患判定标准》由民政部办公厅于2023年11月27日印发通知、2023年12月1日公开，发文字号未能确认。标准共5类22种重大事故隐患情形。目前仅从转载全文中取得第四条全部4项和第五条第（一）至（三）项共7种情形，已据以录入（检查内容和要点为本系统意译，非官方原文）；其余15种情形（第五条第（四）项及以后如有，以及第六条、第七条、第八条各项）原文尚未取得，仅设占位项，待县局取得民政部官网（www.mca.gov.cn）原文后补录，系统不编造条文。第六条至第八条的条号系按顺序推定。据新闻通稿转述（条号未确认）：情况复杂、难以直接判定的，地方民政部门可请有关部门协助或组织专家论证后综合判定；各地可结合实际细化本地判定标准。另据二手转引，2026年9月《养老机构重大事故隐患判定准则》强制性国家标准已发布，标准号和实施日期未查到，未经核实；如已实施，应以新国标为准并核对与本标准的差异。',
  items: [
    {
      code: '4.1',
      category: EM_C4,
      hazardCategory: 'building',
      checkText:
        '机构用房结构安全：不得为经安全鉴定评为C级或D级的危险房屋，也不得存在经住建部门研判认定的重大结构安全隐患',
      checkPoints: lines(
        '调阅房屋安全鉴定报告，核对鉴定等级和出具日期；老旧、改建、自建且无鉴定报告的房屋，提请住建部门研判或委托鉴定',
        '现场察看梁、板、柱和承重墙有无明显裂缝、倾斜、沉降、钢筋外露，有无擅自加层或拆改承重结构',
        '核对住建部门房屋安全排查的结论以及整改销号记录',
      ),
      legalBasis: `${EM_STD}第四条第（一）项；《中华人民共和国安全生产法》`,
      hazardLevel: 'major',
    },
    {
      code: '4.2',
      category: EM_C4,
      hazardCategory: 'fire_facility',
      checkText:
        '建筑防火设计及消防、电气、燃气设施符合法律法规和强制性标准，具备基本消防安全条件（住建、消防部门检查或第三方评估未认定不达标）',
      checkPoints: lines(
        '查验消防设计审查、消防验收或备案材料，查看消防部门检查意见书、第三方评估报告有无重大隐患结论',
        '现场测试火灾自动报警、自动喷水灭火、室内消火栓、应急照明和疏散指示系统能否正常工作',
        '查看电气线路是否穿管保护，有无私拉乱接、违规使用大功率电器；查看燃气管线、可燃气体报警装置和紧急切断装置是否完好',
      ),
      legalBasis: `${EM_STD}第四条第（二）项；《中华人民共和国安全生产法》；《中华人民共和国消防法》`,
      hazardLevel: 'major',
    },
    {
      code: '4.3',
      category: EM_C4,
      hazardCategory: 'building',
      checkText: '有人使用的房屋不得采用可燃芯材彩钢板搭建，室内不得大面积使用可燃装修材料',
      checkPoints: lines(
        '逐栋排查彩钢板房及加建部分，通过切开查看或查阅资料确认芯材（泡沫类属可燃，岩棉类属不燃），重点查居室、活动室、厨房和仓库',
        '查阅吊顶、墙面、地面装修材料的燃烧性能检测报告；人员密集场所应使用不燃或难燃材料',
        '查看走廊、居室内是否布满可燃装饰物、塑料仿真植物等',
      ),
      legalBasis: `${EM_STD}第四条第（三）项；《中华人民共和国安全生产法》；《中华人民共和国消防法》第二十六条`,
      hazardLevel: 'major',
    },
    {
      code: '4.4',
      category: EM_C4,
      hazardCategory: 'special_equipment',
      checkText:
        '电梯、锅炉、氧气管道等特种设备应有生产许可并经检验合格，不得使用未经检验、检验不合格、国家明令淘汰或已报废的设备',
      checkPoints: lines(
        '核对电梯、锅炉、压力容器和压力管道（含医用氧气管道）的使用登记证书、定期检验合格标志及其有效期',
        '查看维护保养合同、维保记录和应急救援演练记录',
        '核查设备是否属于淘汰型号、是否超过设计使用年限或已报废仍在使用',
      ),
      legalBasis: `${EM_STD}第四条第（四）项；《中华人民共和国安全生产法》；《中华人民共和国特种设备安全法》第三十二条、第三十三条、第四十条`,
      hazardLevel: 'major',
    },
    {
      code: '5.1',
      category: EM_C5,
      hazardCategory: 'medical',
      checkText: '内设医疗机构应取得医疗机构执业许可证或依规办理备案',
      checkPoints: lines(
        '查看医疗机构执业许可证或诊所备案凭证，核对执业地址、诊疗科目与实际是否一致',
        '抽查医师、护士的执业证书及注册执业地点',
        '检查药品、医用氧等的储存和使用管理',
      ),
      legalBasis: `${EM_STD}第五条第（一）项；《中华人民共和国安全生产法》`,
      hazardLevel: 'major',
    },
    {
      code: '5.2',
      category: EM_C5,
      hazardCategory: 'food',
      checkText: '内设食堂应取得食品经营许可证',
      checkPoints: lines(
        '查看食品经营许可证（单位食堂）是否在有效期内，许可项目能否覆盖实际供餐',
        '查看从业人员健康证明、食品留样记录和进货查验记录',
        '委托外部单位配餐的，核对供餐单位资质和供餐合同',
      ),
      legalBasis: `${EM_STD}第五条第（二）项；《中华人民共和国安全生产法》`,
      hazardLevel: 'major',
    },
    {
      code: '5.3',
      category: EM_C5,
      hazardCategory: 'qualification',
      checkText: '特种设备安全管理、检测等岗位人员应持有相应资格证书，不得安排无证人员上岗',
      checkPoints: lines(
        '核对电梯安全管理员、锅炉作业人员等的特种设备安全管理和作业人员证书，做到人证相符、证书在有效期内',
        '核查电梯维保、锅炉检测等外包单位的资质证书',
        '查看岗位任命文件和交接班、值守记录',
      ),
      legalBasis: `${EM_STD}第五条第（三）项；《中华人民共和国安全生产法》；《中华人民共和国特种设备安全法》第十四条`,
      hazardLevel: 'major',
    },
    {
      code: '5.x',
      category: EM_C5,
      hazardCategory: 'other',
      checkText: '第五条其余情形（如有）待县局依据民政部原文补充录入（原文尚未取得，系统不编造条文）',
      checkPoints: EM_PLACEHOLDER_POINTS,
      legalBasis: `${EM_STD}第五条（第（四）项及以后是否存在尚未确认，原文待取得）`,
      hazardLevel: 'major',
      isPlaceholder: true,
    },
    {
      code: '6.x',
      category: EM_C6,
      hazardCategory: 'other',
      checkText: '本类（日常管理存在严重问题）各项情形待县局依据民政部原文补充录入（原文尚未取得，系统不编造条文）',
      checkPoints: EM_PLACEHOLDER_POINTS,
      legalBasis: `${EM_STD}第六条（条号按顺序推定，原文待取得）`,
      hazardLevel: 'major',
      isPlaceholder: true,
    },
    {
      code: '7.x',
      category: EM_C7,
      hazardCategory: 'other',
      checkText: '本类（严重违法违规提供服务）各项情形待县局依据民政部原文补充录入（原文尚未取得，系统不编造条文）',
      checkPoints: EM_PLACEHOLDER_POINTS,
      legalBasis: `${EM_STD}第七条（条号按顺序推定，原文待取得）`,
      hazardLevel: 'major',
      isPlaceholder: true,
    },
    {
      code: '8.x',
      category: EM_C8,
      hazardCategory: 'other',
      checkText: '本类（其他重大事故隐患）各项情形待县局依据民政部原文补充录入（原文尚未取得，系统不编造条文）',
      checkPoints: EM_PLACEHOLDER_POINTS,
      legalBasis: `${EM_STD}第八条（条号按顺序推定，原文待取得）`,
      hazardLevel: 'major',
      isPlaceholder: true,
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 2. 生命通道检查表
// ---------------------------------------------------------------------------------------------

const LP_ROUTES = '疏散通道与安全出口';
const LP_LANES = '消防车通道与消火栓';
const LP_WINDOWS = '门窗与逃生窗口';
const LP_SIGNS = '疏散指示与应急照明';
const LP_DOORS = '防火门与防火卷帘';
const LP_DUTY = '消防控制室与值班巡查';
const XFF = '《中华人民共和国消防法》';
const AQF = '《中华人民共和国安全生产法》';
const L61 = '公安部令第61号《机关、团体、企业、事业单位消防安全管理规定》';
const GA703 = '《住宿与生产储存经营合用场所消防安全技术要求》（GA 703-2007，现为XF 703）附录A.3';
const FINE_UNIT_PERSON = '单位处五千元以上五万元以下罚款，个人处警告或五百元以下罚款';
const FINE_UNIT = '单位处五千元以上五万元以下罚款';

const lifePassage: ReferenceChecklist = {
  code: 'life-passage',
  name: '生命通道检查表',
  description:
    '用于各类民政服务机构排查疏散通道、安全出口、消防车通道、门窗防盗网、疏散指示标志和应急照明等“生命通道”问题。来源未将所列情形归为重大事故隐患，默认按一般隐患登记，县局可视现场情况提高隐患等级。',
  institutionTypes: [],
  sourceNote:
    '依据《中华人民共和国消防法》（2021年4月29日修正）、《中华人民共和国安全生产法》（2021年修正）、公安部令第61号《机关、团体、企业、事业单位消防安全管理规定》及相关国家、行业标准整理，检查内容为本系统意译。依据中未加标注的法律条文已与法律文本核对；标“转述”的仅见于二手来源，标“待核实”的条号或数值未经核实，正式引用前应在国家消防救援局（www.119.gov.cn）、应急管理部、中国政府网等官方渠道核对。养老院、福利院属消防法第七十三条所称人员密集场所〔已确认〕；救助管理站、殡葬服务机构、精神卫生福利机构在有人员住宿时是否按人员密集场所对待，需逐类核实。2024年全国“安全生产月”主题为“人人讲安全、个个会应急——畅通生命通道”。福州市《九小场所“清障、开窗、配绳”消防安全治理技术导则（试行）》（2024年1月31日，转述）可作县内检查参考。广东中山一养老机构消防控制室单人值班被罚款4000元，系依广东地方实施办法处罚（转述），仅供参考，不作为本省处罚依据。',
  items: [
    {
      code: 'LP-01',
      category: LP_ROUTES,
      hazardCategory: 'life_passage',
      checkText: '疏散通道保持畅通、标识清楚，不得堆放杂物或被占用、堵塞',
      checkPoints: lines(
        '沿走廊、楼梯间及通往安全出口的路线全程走查，查看有无堆放杂物、家具等占用或堵塞通道',
        '查看疏散通道是否有明显标志',
        '多个单位共用建筑的，核实共用疏散通道由哪一方统一管理（消防法第十八条）',
      ),
      legalBasis: `${XFF}第二十八条；${AQF}第四十二条第二款。处罚：消防法第六十条第一款第（三）项（${FINE_UNIT_PERSON}；拒不改正的依第六十条第三款强制执行）；安全生产法第一百零五条第（二）项（责令限期改正，单位处五万元以下罚款，责任人员处一万元以下罚款；逾期未改正的责令停产停业整顿）`,
      hazardLevel: 'general',
    },
    {
      code: 'LP-02',
      category: LP_ROUTES,
      hazardCategory: 'life_passage',
      checkText: '服务期间安全出口不得上锁、链锁或封堵，安全出口和疏散通道上不得设置栅栏等妨碍疏散的障碍物',
      checkPoints: lines(
        '在机构服务时间逐一推开安全出口门，确认未上锁、未用铁链锁闭、未被堵塞',
        '查看安全出口和疏散通道上有无栅栏或其他障碍物',
        '有人员住宿的机构，同时抽查夜间安全出口的状态',
      ),
      legalBasis: `${XFF}第二十八条；${AQF}第四十二条第二款；${L61}疏散通道、安全出口条款（常引为第二十一条，条号待核实）。处罚：消防法第六十条第一款第（三）项（${FINE_UNIT_PERSON}）；安全生产法第一百零五条第（二）项`,
      hazardLevel: 'general',
    },
    {
      code: 'LP-03',
      category: LP_LANES,
      hazardCategory: 'life_passage',
      checkText: '消防车通道保持畅通，不得被停放车辆、搭建棚房等占用、堵塞或封闭',
      checkPoints: lines(
        '查看消防车通道及其出入口有无停放车辆、搭建棚房、堆放物品或设置障碍',
        '多个单位共用的，核实消防车通道由哪一方统一管理（消防法第十八条）',
      ),
      legalBasis: `${XFF}第十六条第（四）项、第二十八条。处罚：消防法第六十条第一款第（五）项（${FINE_UNIT_PERSON}；拒不改正的依第六十条第三款强制执行）`,
      hazardLevel: 'general',
    },
    {
      code: 'LP-04',
      category: LP_WINDOWS,
      hazardCategory: 'life_passage',
      checkText: '人员密集场所的门窗上不得设置固定的防盗窗、防盗网、铁栅栏等影响逃生和灭火救援的障碍物',
      checkPoints: lines(
        '逐层查看居室、走廊、楼梯间的外窗和阳台，有无焊死或固定安装的防盗窗、防盗网、金属栅栏',
        '养老院、福利院属消防法第七十三条所称人员密集场所；其他类型机构有人员住宿时是否按人员密集场所对待，需逐类核实',
        '高层建筑的外窗另按《高层民用建筑消防安全管理规定》第二十一条检查（转述）',
        '发现固定栅栏的，责令拆除或改为可从内部开启（见LP-09）',
      ),
      legalBasis: `${XFF}第二十八条、第七十三条；高层建筑另见《高层民用建筑消防安全管理规定》（应急管理部令第5号）第二十一条（转述）。处罚：消防法第六十条第一款第（六）项（${FINE_UNIT}），拒不改正的依第六十条第三款强制拆除，所需费用由违法行为人承担`,
      hazardLevel: 'general',
    },
    {
      code: 'LP-05',
      category: LP_SIGNS,
      hazardCategory: 'fire_facility',
      checkText: '疏散指示标志和应急照明灯具按标准配置，完好有效，未被遮挡',
      checkPoints: lines(
        '沿走廊、楼梯间和安全出口逐处查看，有无缺失、损坏的疏散指示标志或应急照明灯具',
        '查看标志、灯具是否被遮挡',
        '查看消防设施定期检查维修记录，以及建筑消防设施每年至少一次全面检测的记录（消防法第十六条第（三）项）',
      ),
      legalBasis: `${XFF}第十六条第（二）项，第七十三条（应急照明、安全疏散设施属消防设施）；${L61}（疏散指示标志、应急照明应符合国家规定、完好有效、不得遮挡，条号待核实）。处罚：消防法第六十条第一款第（一）项（${FINE_UNIT}）`,
      hazardLevel: 'general',
    },
    {
      code: 'LP-06',
      category: LP_DOORS,
      hazardCategory: 'fire_facility',
      checkText: '防火门未被楔住保持开启、闭门器未被拆除，防火卷帘下方未被堵塞，均保持完好有效',
      checkPoints: lines(
        '逐一查看防火门有无被木楔等物卡住、闭门器是否缺失或损坏',
        '查看防火卷帘下方有无堆放物品影响降落',
      ),
      legalBasis: `${XFF}第十六条第（二）项、第二十八条；${L61}（防火门、防火卷帘应保持完好有效，条号待核实）。处罚：消防法第六十条第一款第（一）项或第（二）项（适用哪一项待核实，各地消防救援机构做法不一）`,
      hazardLevel: 'general',
    },
    {
      code: 'LP-07',
      category: LP_LANES,
      hazardCategory: 'fire_facility',
      checkText: '消火栓未被埋压、圈占或遮挡，便于取用',
      checkPoints: lines(
        '查看室内外消火栓及其周边有无堆物、圈占、埋压或遮挡',
        '抽查室内消火栓能否正常使用',
      ),
      legalBasis: `${XFF}第二十八条。处罚：消防法第六十条第一款第（四）项（${FINE_UNIT_PERSON}；拒不改正的依第六十条第三款强制执行）`,
      hazardLevel: 'general',
    },
    {
      code: 'LP-08',
      category: LP_ROUTES,
      hazardCategory: 'life_passage',
      checkText: '人员密集场所走廊等部位的室内装修应采用不燃或难燃材料，不得布满可燃装饰物',
      checkPoints: lines(
        '查看走廊吊顶、墙面、地面的装修材料，必要时调阅燃烧性能检测报告',
        '查看走廊是否悬挂大量可燃装饰物、塑料仿真植物等',
      ),
      legalBasis: `${XFF}第二十六条。处理：责令改正；经消防救援机构通知后仍不及时消除的，依消防法第六十条第一款第（七）项（${FINE_UNIT}）`,
      hazardLevel: 'general',
    },
    {
      code: 'LP-09',
      category: LP_WINDOWS,
      hazardCategory: 'life_passage',
      checkText: '外窗、阳台确需设置金属栅栏的，栅栏应能从内部方便地开启',
      checkPoints: lines(
        '逐一试开防盗窗、防盗网、金属栅栏，确认能从室内方便打开',
        '开启装置锈死或被杂物挡住的，按不能开启处理',
        'GA 703针对住宿与生产储存经营合用场所，其他机构参照执行',
      ),
      legalBasis: `${XFF}第二十八条；${GA703}（转述，标准号待核实）。处罚：消防法第六十条第一款第（六）项（${FINE_UNIT}）`,
      hazardLevel: 'general',
    },
    {
      code: 'LP-10',
      category: LP_WINDOWS,
      hazardCategory: 'life_passage',
      checkText: '用于辅助逃生的窗口净尺寸不小于高1.0米、宽0.8米，窗台距室内地面不大于1.2米，且保持可开启、无遮挡',
      checkPoints: lines(
        '用卷尺测量逃生窗口可开启部分的净高、净宽和窗台高度（高不小于1.0米、宽不小于0.8米、窗台不大于1.2米，转述）',
        '查看每个房间组团或走道尽端是否至少有一处可开启的逃生或救援窗口',
        '查看窗口外有无固定栅栏、广告牌等遮挡（可参照福州市“清障、开窗、配绳”导则，转述）',
      ),
      legalBasis: `${GA703}（转述，标准号待核实）；${XFF}第二十八条`,
      hazardLevel: 'general',
    },
    {
      code: 'LP-11',
      category: LP_WINDOWS,
      hazardCategory: 'life_passage',
      checkText: '可开启栅栏、逃生窗的钥匙或开启装置放在伸手可及的固定位置，夜班人员知道位置并会使用',
      checkPoints: lines(
        '查看钥匙或开启装置的存放位置是否就近、固定、便于取用',
        '随机询问夜班人员钥匙或开启装置在哪里、如何开启，必要时请其现场演示',
      ),
      legalBasis: `${XFF}第二十八条；${GA703}（栅栏应能从内部易于开启，转述，待核实）`,
      hazardLevel: 'general',
    },
    {
      code: 'LP-12',
      category: LP_WINDOWS,
      hazardCategory: 'life_passage',
      checkText: '公共建筑已设置的消防救援窗（口）保持可用、标识清楚，未被遮挡或封闭',
      checkPoints: lines(
        '核对各楼层是否设有消防救援窗，每个防火分区不少于2个、间距不大于20米，并与消防车登高操作场地相对应（转述）',
        '测量救援窗净尺寸不小于1.0米×1.0米，窗台高度宜不大于1.2米（转述）',
        '查看玻璃是否易于破碎，室外是否设有易于识别的明显标志（转述）',
        '查看救援窗内外有无栅栏、广告牌、杂物等遮挡或封闭',
      ),
      legalBasis: `《建筑设计防火规范》GB 50016-2014（2018年版）第7.2.4、7.2.5条（转述，条号待核实）；《建筑防火通用规范》GB 55037-2022（2023年6月1日起施行）相应条款（条号待核实）；${XFF}第二十八条`,
      hazardLevel: 'general',
    },
    {
      code: 'LP-13',
      category: LP_SIGNS,
      hazardCategory: 'fire_facility',
      checkText: '切断正常电源或按下试验按钮后，应急照明和疏散指示标志全部点亮，并持续达到规定时间',
      checkPoints: lines(
        '按下试验按钮或切断正常照明电源，查看应急照明灯和疏散指示标志是否全部点亮',
        '记录持续点亮时间：老年人照料设施不少于1.0小时，其他建筑不少于0.5小时（未经核实，待核实后使用）',
        '照度参考：疏散走道不低于1.0 lx，人员密集场所不低于3.0 lx，楼梯间不低于5.0 lx（转述）；老年人照料设施的楼梯间、前室、避难走道及避难间不低于10.0 lx（未经核实，待核实后使用）',
        '有条件的用照度计抽测',
      ),
      legalBasis: `${XFF}第十六条第（二）项；${L61}（应急照明应符合国家规定并保持完好有效，条号待核实）；GB 50016-2014（2018年版）第10.1.5条（待核实）、第10.3.2条（部分转述）；GB 51309-2018《消防应急照明和疏散指示系统技术标准》（具体要求待核实）。处罚：消防法第六十条第一款第（一）项（${FINE_UNIT}）`,
      hazardLevel: 'general',
    },
    {
      code: 'LP-14',
      category: LP_SIGNS,
      hazardCategory: 'life_passage',
      checkText: '疏散指示标志设置位置合理、箭头指向正确，未被装饰物、家具或晾晒衣物遮挡',
      checkPoints: lines(
        '沿疏散路线逐个核对指示标志的箭头是否指向安全出口方向、与实际疏散路线一致',
        '查看标志是否被装饰物、家具、晾晒衣物等遮挡',
        '走廊及转角处的标志一般设在距地面1.0米以下的墙面上，间距不大于20米（转述）',
      ),
      legalBasis: `${XFF}第十六条第（二）项；${L61}（不得遮挡疏散指示标志，条号待核实）；GB 51309-2018《消防应急照明和疏散指示系统技术标准》（具体要求待核实）。处罚：消防法第六十条第一款第（一）项（${FINE_UNIT}）`,
      hazardLevel: 'general',
    },
    {
      code: 'LP-15',
      category: LP_DUTY,
      hazardCategory: 'fire_facility',
      checkText: '设有消防控制室的，实行24小时值班，每班不少于2人，值班人员持有相应证书',
      checkPoints: lines(
        '查看排班表和值班记录，核实24小时有人值守、每班不少于2人',
        '核对值班人员的消防设施操作员证书与本人是否相符（执法案例中一般要求中级及以上，转述）',
        '现场询问值班人员火警处置流程',
        '未设消防控制室的，本项不适用',
      ),
      legalBasis: '《高层民用建筑消防安全管理规定》（应急管理部令第5号）第二十六条（转述，适用于高层民用建筑；违反的依第四十七条第（四）项处罚，罚款数额未取得）；养老机构：当地消防救援机构的指导意见为24小时双人持证值班（转述）',
      hazardLevel: 'general',
    },
    {
      code: 'LP-16',
      category: LP_DUTY,
      hazardCategory: 'management',
      checkText: '每日开展防火巡查并做好记录；养老院等机构加强夜间防火巡查',
      checkPoints: lines(
        '查看防火巡查记录是否逐日连续、内容完整',
        '重点查看夜间巡查的时段和频次；养老院、医院、寄宿制学校、托儿所、幼儿园应加强夜间巡查',
        '抽问夜班人员巡查路线以及发现问题后如何处置',
      ),
      legalBasis: `${XFF}第十七条（消防安全重点单位每日防火巡查并建立记录）；${L61}（养老院等加强夜间防火巡查，条号待核实，一般认为第二十五条）。单位违反消防法第十六、十七条且不改正的，依第六十七条对责任人员给予处分或警告`,
      hazardLevel: 'general',
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 3. Per-type checklists (other-regulations.md)
// ---------------------------------------------------------------------------------------------

const EF_DOC = '《养老机构消防安全管理规定》（民发〔2023〕37号）';
const GB38600 = '《养老机构服务安全基本规范》（GB 38600-2019，强制性国家标准）';
const GB38600_CAT = '服务安全（GB 38600-2019）';

const elderlyFireSafety: ReferenceChecklist = {
  code: 'elderly-fire-safety-2023',
  name: '《养老机构消防安全管理规定》（民发〔2023〕37号）消防安全检查',
  description:
    '依据民政部、国家消防救援局《养老机构消防安全管理规定》（民发〔2023〕37号），结合强制性国家标准《养老机构服务安全基本规范》（GB 38600-2019），用于民政、消防部门联合检查或养老机构自查消防安全管理和服务安全。',
  institutionTypes: ['elderly_care'],
  sourceNote:
    '《养老机构消防安全管理规定》由民政部、国家消防救援局联合印发，标题、发文单位和文号（民发〔2023〕37号）已确认，具体印发日期未查到。目前仅取得“一、落实消防安全主体责任”部分，含（一）建立健全消防安全责任制、（二）加强制度建设、（三）明晰多主体各方责任，后续部分原文未取得。印发通知要求民政、消防部门开展一次联合检查，检查结果录入金民工程全国养老服务信息系统和消防监督系统。〔已确认〕指见于所列来源，〔转述〕指仅见于二手或新闻来源，〔待核实〕指未经核实或推断，引用前应核对民政部（www.mca.gov.cn）、国家消防救援局（www.119.gov.cn）官网。GB 38600-2019为强制性国家标准，2022年1月1日起全面实施〔转述〕；其关于机构应符合消防、卫生、环境、食品药品、建筑和设施设备等强制性要求的总体规定由各专项检查表覆盖，未单列。2025年6月国家消防救援局、民政部《关于切实采取过硬措施坚决防范遏制养老机构重特大火灾事故的通知（稿）》（征求意见稿，意见截至2025年7月23日，于2025年4月8日河北承德隆化县国恩老年公寓火灾后提出）提出更换无CCC认证的电线插座、保障维护和隐患整改经费、建设微型消防站等，因尚为征求意见稿，未列入检查项〔转述〕。',
  items: [
    {
      code: 'EF-01',
      category: '责任体系',
      hazardCategory: 'management',
      checkText:
        '建立消防安全责任制：法定代表人、主要负责人或实际控制人为消防安全责任人，部门负责人对本部门负责，重点单位确定消防安全管理人，各岗位职责明确',
      checkPoints: lines(
        '查看消防安全责任制文件，核实消防安全责任人为法定代表人、主要负责人或实际控制人',
        '查看各部门负责人的消防安全职责分工',
        '属于消防安全重点单位的，查看是否确定了消防安全管理人',
        '查看护理员、保安、厨师、电工、消防设施操作员等岗位的消防安全职责，抽问岗位人员是否知晓',
      ),
      legalBasis: `${EF_DOC}“一、落实消防安全主体责任”〔已确认〕；《中华人民共和国消防法》第十七条（重点单位确定消防安全管理人）〔已确认〕`,
      hazardLevel: 'general',
    },
    {
      code: 'EF-02',
      category: '制度与规程',
      hazardCategory: 'management',
      checkText:
        '建立消防安全管理制度并随情况变化及时修订，涵盖防火巡查检查、安全疏散设施管理、消防设施器材维护保养、火灾隐患整改、用火用电安全、消防宣传培训、考核奖惩等',
      checkPoints: lines(
        '逐项查看上述制度是否齐全',
        '核实制度是否为现行版本，机构布局、人员或设施变化后是否相应修订',
      ),
      legalBasis: `${EF_DOC}“一、落实消防安全主体责任”〔已确认〕`,
      hazardLevel: 'general',
    },
    {
      code: 'EF-03',
      category: '制度与规程',
      hazardCategory: 'management',
      checkText: '制定消防控制室值班和设备操作、燃气用具使用、灭火和应急疏散预案演练等操作规程',
      checkPoints: lines(
        '设有消防控制室的，查看值班和设备操作规程',
        '使用燃气的，查看燃气用具使用规程',
        '查看灭火和应急疏散预案演练规程',
        '抽问相关岗位人员是否熟悉本岗位规程',
      ),
      legalBasis: `${EF_DOC}“一、落实消防安全主体责任”〔已确认〕`,
      hazardLevel: 'general',
    },
    {
      code: 'EF-04',
      category: '责任体系',
      hazardCategory: 'management',
      checkText: '与其他单位共用建筑的，书面明确各方消防安全责任，共用的疏散通道、安全出口和消防设施由一方统一管理',
      checkPoints: lines(
        '了解建筑内是否还有其他使用单位',
        '查看各方消防安全责任划分的书面约定',
        '核实共用疏散通道、安全出口、建筑消防设施和消防车通道的统一管理方',
      ),
      legalBasis: `${EF_DOC}“一、落实消防安全主体责任”（明晰多主体各方责任）〔已确认〕；《中华人民共和国消防法》第十八条〔已确认〕`,
      hazardLevel: 'general',
    },
    {
      code: 'EF-05',
      category: '消防控制室与值班巡查',
      hazardCategory: 'fire_facility',
      checkText: '消防控制室24小时值班，每班2人且持消防设施操作员证书；确认火警后立即拨打119并报告消防安全责任人或管理人',
      checkPoints: lines(
        '查看排班表和值班记录，核实24小时双人值班',
        '核对值班人员的消防设施操作员证书',
        '询问值班人员确认火警后的处置流程（拨打119、报告责任人或管理人）',
        '未设消防控制室的，本项不适用',
      ),
      legalBasis: `${EF_DOC}〔转述：本项要求见于地方消防救援机构文章，规定原文对应条款未取得〕`,
      hazardLevel: 'general',
    },
    {
      code: 'EF-06',
      category: '消防控制室与值班巡查',
      hazardCategory: 'management',
      checkText: '每日开展防火巡查并做好记录，夜间加强巡查',
      checkPoints: lines(
        '查看防火巡查记录是否逐日连续、内容完整',
        '查看夜间巡查的时段、频次和记录',
        '抽问夜班人员巡查内容',
        '民发〔2023〕37号是否含本项要求尚待核实，目前依消防法和公安部令第61号检查',
      ),
      legalBasis: `${EF_DOC}〔待核实：该文件是否含本项要求未确认〕；《中华人民共和国消防法》第十七条（重点单位每日防火巡查并记录）〔已确认〕；公安部令第61号（养老院加强夜间防火巡查）〔待核实：条号，一般认为第二十五条〕`,
      hazardLevel: 'general',
    },
    {
      code: 'EF-07',
      category: '应急预案与演练',
      hazardCategory: 'management',
      checkText: '制定切实可行的灭火和应急疏散预案，定期组织有针对性的疏散演练，演练覆盖卧床和失能老年人的转移疏散',
      checkPoints: lines(
        '查看预案是否符合本机构楼层和人员实际、员工能否照着执行',
        '查看演练记录，核实演练是否包括卧床、失能老年人的转移疏散',
        '消防安全重点单位至少每半年、其他单位至少每年组织一次演练（公安部令第61号，条号待核实）',
        '抽问员工在预案中承担的职责',
      ),
      legalBasis: `${EF_DOC}印发通知〔转述〕；《中华人民共和国消防法》第十六条第（六）项（组织有针对性的消防演练）〔已确认〕；公安部令第61号（演练频次）〔待核实：条号，一般认为第四十条〕`,
      hazardLevel: 'general',
    },
    {
      code: 'EF-08',
      category: GB38600_CAT,
      hazardCategory: 'management',
      checkText: '机构内安全标志按GB 2893、GB 2894设置',
      checkPoints: lines('查看机构内安全标志是否齐全、规范，是否符合GB 2893、GB 2894'),
      legalBasis: `${GB38600}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'EF-09',
      category: GB38600_CAT,
      hazardCategory: 'qualification',
      checkText: '护理人员经培训合格后方可上岗',
      checkPoints: lines(
        '查看护理人员的培训记录和考核合格证明',
        '核对在岗护理人员名单与培训合格名单是否一致',
      ),
      legalBasis: `${GB38600}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'EF-10',
      category: GB38600_CAT,
      hazardCategory: 'management',
      checkText: '建立昼夜巡查和交接班制度，并如实记录',
      checkPoints: lines(
        '查看白天和夜间的巡查记录',
        '查看交接班记录是否连续、内容完整',
      ),
      legalBasis: `${GB38600}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'EF-11',
      category: GB38600_CAT,
      hazardCategory: 'service',
      checkText: '老年人个人信息和视频监控录像严格保密',
      checkPoints: lines('查看个人信息和监控录像的管理制度、查阅权限及调取记录'),
      legalBasis: `${GB38600}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'EF-12',
      category: GB38600_CAT,
      hazardCategory: 'service',
      checkText: '采取措施防范在机构内向老年人推销保健品',
      checkPoints: lines(
        '查看机构防范保健品推销的管理措施',
        '询问老年人或家属是否遇到过在机构内推销保健品的情况',
      ),
      legalBasis: `${GB38600}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'EF-13',
      category: GB38600_CAT,
      hazardCategory: 'service',
      checkText: '老年人入住前开展服务安全风险评估',
      checkPoints: lines(
        '抽查入住档案中的服务安全风险评估记录',
        '核对评估日期是否早于入住日期',
      ),
      legalBasis: `${GB38600}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'EF-14',
      category: GB38600_CAT,
      hazardCategory: 'service',
      checkText: '针对服务安全“九防”风险采取防范措施',
      checkPoints: lines(
        '来源只确认“九防”共九项，具体清单未经原文核实：防噎食、防食品药品误食、防压疮、防烫伤、防坠床、防跌倒、防他伤和自伤、防走失、防文娱活动意外',
        '对照入住评估结果，逐项查看对应的防范措施和落实记录',
      ),
      legalBasis: `${GB38600}〔转述；“九防”具体清单待核实〕`,
      hazardLevel: 'general',
    },
  ],
};

const CW_REV = '《儿童福利机构管理办法》（2026年修订，2026年4月1日起施行，修订令号未查到）';

const childWelfare: ReferenceChecklist = {
  code: 'child-welfare',
  name: '儿童福利机构安全检查',
  description:
    '依据《儿童福利机构管理办法》（2026年4月1日起施行的修订版及2018年民政部令第63号文本），用于检查儿童福利机构的安全责任、值班巡查、消防安全和儿童权益保护情况。',
  institutionTypes: ['child_welfare'],
  sourceNote:
    '《儿童福利机构管理办法》原为民政部令第63号（2018年10月25日通过、10月30日公布、2019年1月1日起施行）；修订版于2026年2月26日公布、2026年4月1日起施行，共7章64条（新增12条、修改43条），新增“开门办院”延伸服务一章并强化内部管理和安全责任〔已确认〕，修订的民政部令号未查到。CW-01至CW-07依据对修订版的新闻报道整理〔转述〕，修订版原文条号未取得；CW-08依据2018年文本第四条〔已确认〕。同时公布的《未成年人救助保护机构管理暂行办法》（2026年4月1日起施行）〔转述〕未纳入本表。',
  items: [
    {
      code: 'CW-01',
      category: '制度与规程',
      hazardCategory: 'management',
      checkText: '建立安全管理和应急管理制度，服务流程规范，落实风险防控',
      checkPoints: lines(
        '查看安全管理制度和应急管理制度文本',
        '查看主要服务环节的流程规范及风险防控措施',
      ),
      legalBasis: `${CW_REV}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'CW-02',
      category: '设施设备',
      hazardCategory: 'building',
      checkText: '设施设备符合儿童安全需要，并与儿童身心发育阶段相适应',
      checkPoints: lines(
        '查看居室、活动场所的设施设备有无对儿童构成安全风险的情况',
        '核实设施设备是否适合所服务儿童的年龄和发育阶段',
      ),
      legalBasis: `${CW_REV}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'CW-03',
      category: '责任体系',
      hazardCategory: 'management',
      checkText: '机构落实安全主体责任，主要负责人全面负责，设立安全管理机构或配备专职、兼职安全管理人员',
      checkPoints: lines(
        '查看安全责任分工文件，核实主要负责人的安全职责',
        '查看安全管理机构设置文件或专职、兼职安全管理人员的任命文件',
      ),
      legalBasis: `${CW_REV}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'CW-04',
      category: '值班巡查',
      hazardCategory: 'management',
      checkText: '实行24小时值班巡查制度，每日值班人员不少于2人，节假日和夜间加强巡查，巡查全程记录',
      checkPoints: lines(
        '查看值班表，核实每日值班人员不少于2人、24小时有人值守',
        '查看巡查记录，重点核对节假日和夜间的巡查时段和频次',
      ),
      legalBasis: `${CW_REV}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'CW-05',
      category: '消防安全',
      hazardCategory: 'qualification',
      checkText: '机构用房已办理消防验收或备案',
      checkPoints: lines(
        '查看消防验收意见书或备案凭证',
        '核对验收或备案范围与实际使用的建筑是否一致',
      ),
      legalBasis: `${CW_REV}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'CW-06',
      category: '消防安全',
      hazardCategory: 'management',
      checkText: '建立逐级消防安全责任制，制定消防安全操作规程和灭火、应急疏散预案',
      checkPoints: lines(
        '查看逐级消防安全责任制文件',
        '查看消防安全操作规程和灭火、应急疏散预案',
      ),
      legalBasis: `${CW_REV}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'CW-07',
      category: '消防安全',
      hazardCategory: 'fire_facility',
      checkText: '按消防技术标准配置消防设施器材，设置消防安全标志，定期维护检测，保持疏散通道和安全出口畅通',
      checkPoints: lines(
        '查看消防设施器材配置情况及维护保养、检测记录',
        '查看消防安全标志设置情况',
        '走查疏散通道和安全出口是否畅通（可结合《生命通道检查表》）',
      ),
      legalBasis: `${CW_REV}〔转述〕；《中华人民共和国消防法》第十六条第（二）、（三）、（四）项〔已确认〕`,
      hazardLevel: 'general',
    },
    {
      code: 'CW-08',
      category: '儿童权益保护',
      hazardCategory: 'service',
      checkText: '机构及工作人员不得歧视、侮辱、虐待儿童',
      checkPoints: lines(
        '查看工作人员行为规范及相关培训记录',
        '查看投诉记录，视儿童年龄个别询问',
      ),
      legalBasis: '《儿童福利机构管理办法》（民政部令第63号，2018年）第四条〔已确认〕（2026年修订版对应条号待核实）',
      hazardLevel: 'general',
    },
  ],
};

const RS_DOC = '《生活无着的流浪乞讨人员救助管理机构工作规程》（民发〔2014〕132号）';

const reliefStation: ReferenceChecklist = {
  code: 'relief-station',
  name: '救助管理机构安全检查',
  description:
    '依据民政部《生活无着的流浪乞讨人员救助管理机构工作规程》（民发〔2014〕132号），用于检查救助管理站接待、入站检查、在站和离站管理中的安全要求以及消防安全。',
  institutionTypes: ['relief_station'],
  sourceNote:
    '《生活无着的流浪乞讨人员救助管理机构工作规程》由民政部于2014年6月22日印发（民发〔2014〕132号）、2014年8月1日起施行，共6章89条（总则、接待服务、在站服务、离站服务、机构管理、附则），替代民发〔2006〕118号〔已确认〕。标〔已确认〕的条号见于转载文本；标〔转述〕的仅见于二手来源，未对应到条号；标〔待核实〕的为推断。上位法规为《城市生活无着的流浪乞讨人员救助管理办法》（国务院令第381号，2003年8月1日起施行）。',
  items: [
    {
      code: 'RS-01',
      category: '接待与求助服务',
      hazardCategory: 'service',
      checkText: '实行24小时接待，工作人员向求助人员说明救助政策和站内规定',
      checkPoints: lines(
        '查看接待值班表，核实24小时有人接待',
        '抽问接待人员向求助人员告知的内容',
      ),
      legalBasis: `${RS_DOC}第四条〔已确认〕`,
      hazardLevel: 'general',
    },
    {
      code: 'RS-02',
      category: '接待与求助服务',
      hazardCategory: 'service',
      checkText: '设立24小时救助热线并在当地114查号台登记，通话录音至少保存3个月',
      checkPoints: lines(
        '拨打救助热线，测试能否接通',
        '核实热线已在当地114查号台登记',
        '抽查调取3个月前的通话录音',
      ),
      legalBasis: `${RS_DOC}第五条〔已确认〕`,
      hazardLevel: 'general',
    },
    {
      code: 'RS-03',
      category: '入站检查与分流',
      hazardCategory: 'medical',
      checkText: '入站时初步检查受助人员身体和精神状况；疑似精神障碍或传染病、危重病人或有明显外伤的，送医疗机构',
      checkPoints: lines(
        '查看入站登记中的初步检查记录',
        '抽查送医记录，核对送医情形和处置是否及时',
      ),
      legalBasis: `${RS_DOC}第七条、第八条〔已确认〕`,
      hazardLevel: 'general',
    },
    {
      code: 'RS-04',
      category: '入站检查与分流',
      hazardCategory: 'management',
      checkText: '危害自身、他人或公共安全的人员报告公安机关；疑似吸毒人员、在逃人员移交公安机关',
      checkPoints: lines(
        '查看报警、移交公安机关的记录',
        '抽问值班人员遇到上述情形的处置流程',
        '醉酒并有威胁行为的人员也应移交公安机关（转述）',
      ),
      legalBasis: `${RS_DOC}第九条、第十条〔已确认〕；醉酒并有威胁行为人员的移交〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'RS-05',
      category: '入站检查与分流',
      hazardCategory: 'management',
      checkText: '入站人员随身物品接受安全检查，采集指纹和电子照片，检查和身份信息录入全国救助管理信息系统',
      checkPoints: lines(
        '查看入站安全检查登记',
        '抽查信息系统中受助人员的指纹、照片和身份信息是否录入完整',
      ),
      legalBasis: `${RS_DOC}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'RS-06',
      category: '在站与离站管理',
      hazardCategory: 'service',
      checkText: '16周岁以上且无精神障碍、智力残疾迹象的受助人员，在站时间一般不超过10天',
      checkPoints: lines(
        '抽查在站人员名册和入站日期',
        '对超过10天的，查看原因记录',
      ),
      legalBasis: `${RS_DOC}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'RS-07',
      category: '在站与离站管理',
      hazardCategory: 'management',
      checkText: '一般不发放现金；确需提供短途乘车费用的不超过20元，并由受助人员签字确认',
      checkPoints: lines(
        '查看现金发放台账和受助人员签收凭证',
        '核对单笔金额是否超过20元',
      ),
      legalBasis: `${RS_DOC}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'RS-08',
      category: '在站与离站管理',
      hazardCategory: 'service',
      checkText: '未办理离站手续擅自离站的，视为放弃救助，并作书面记录',
      checkPoints: lines('查看擅自离站情况的书面记录'),
      legalBasis: `${RS_DOC}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'RS-09',
      category: '未成年人保护',
      hazardCategory: 'service',
      checkText: '为受助未成年人提供教育辅导，并评估其家庭监护情况',
      checkPoints: lines(
        '查看未成年人教育辅导记录',
        '查看家庭监护情况评估记录',
      ),
      legalBasis: `${RS_DOC}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'RS-10',
      category: '消防安全',
      hazardCategory: 'fire_facility',
      checkText: '落实消防法和公安部令第61号规定的单位消防安全职责',
      checkPoints: lines(
        '结合《生命通道检查表》检查疏散通道、安全出口、门窗栅栏、疏散指示和应急照明',
        '查看防火巡查（含夜间）记录和演练记录',
        '有人员住宿时是否属于人员密集场所尚待核实',
      ),
      legalBasis: `《中华人民共和国消防法》；${L61}〔待核实：救助管理站有人员住宿时是否属于人员密集场所未确认〕`,
      hazardLevel: 'general',
    },
  ],
};

const FS_STD = '《殡葬服务机构安全管理指南》（MZ/T 144-2019，民政行业推荐性标准）';
const FS_BASIS = `${FS_STD}（具体条款未取得）；遂宁市殡葬服务机构安全检查做法〔转述〕`;

const funeralService: ReferenceChecklist = {
  code: 'funeral-service',
  name: '殡葬服务机构安全检查（MZ/T 144-2019）',
  description:
    '参照民政行业标准《殡葬服务机构安全管理指南》（MZ/T 144-2019）和地方殡葬服务机构安全检查做法，用于检查殡仪馆、骨灰寄存场所和公墓等殡葬服务机构的设施设备、服务和应急安全。',
  institutionTypes: ['funeral_service'],
  sourceNote:
    'MZ/T 144-2019《殡葬服务机构安全管理指南》为民政行业推荐性标准，2019年12月12日发布并实施，由厦门、汉口、郑州、泸州等地殡葬服务机构参与起草〔已确认〕；内容涵盖基本要求、制度、安全教育培训、设施设备安全、服务安全、职业健康与卫生、隐患管理、应急管理和事故调查〔已确认〕，具体条款未取得。本表各项主要参照四川遂宁殡葬服务机构安全检查做法（未注明日期，提及疫情防控，约为2020—2022年）〔转述〕整理，不代表标准条文。相关法规：《殡葬管理条例》（国务院令第225号，2012年修订）、《殡仪服务站管理暂行办法》（民政部，2025年4月1日）。',
  items: [
    {
      code: 'FS-01',
      category: '安全宣传与禁燃禁放',
      hazardCategory: 'management',
      checkText: '出入口和作业区域设置禁燃禁放提示，工作人员劝导丧属不违规焚烧、燃放',
      checkPoints: lines(
        '查看出入口、作业区域的禁燃禁放提示',
        '现场观察或询问工作人员如何劝导丧属',
      ),
      legalBasis: FS_BASIS,
      hazardLevel: 'general',
    },
    {
      code: 'FS-02',
      category: '设施设备安全',
      hazardCategory: 'gas',
      checkText: '厨房和火化车间的燃气、燃油储存使用安全，油罐、管道完好，泄漏报警装置有效',
      checkPoints: lines(
        '查看燃油储罐、燃气和燃油管道有无渗漏、锈蚀',
        '测试泄漏报警装置是否有效',
        '查看燃气、燃油储存和使用管理记录',
      ),
      legalBasis: `${FS_BASIS}；《中华人民共和国消防法》第六十六条（燃气用具安装、使用及管路不符合消防技术标准的处理）〔已确认〕`,
      hazardLevel: 'general',
    },
    {
      code: 'FS-03',
      category: '设施设备安全',
      hazardCategory: 'fire_facility',
      checkText: '生活区和工作区的灭火器、消火栓配置到位、在有效期内，周边无遮挡',
      checkPoints: lines(
        '查看灭火器配置位置、压力和有效期',
        '查看消火栓有无遮挡、圈占，抽查能否正常使用',
      ),
      legalBasis: `${FS_BASIS}；《中华人民共和国消防法》第十六条第（二）项、第二十八条〔已确认〕`,
      hazardLevel: 'general',
    },
    {
      code: 'FS-04',
      category: '设施设备安全',
      hazardCategory: 'other',
      checkText: '火化机及其烟道、烟尘处理等环保改造设施和污水处理设施运行正常',
      checkPoints: lines(
        '查看火化机、烟道和烟尘处理设施的运行和维护记录',
        '查看污水处理设施运行情况和记录',
      ),
      legalBasis: FS_BASIS,
      hazardLevel: 'general',
    },
    {
      code: 'FS-05',
      category: '设施设备安全',
      hazardCategory: 'electrical',
      checkText: '公共区域电气线路定期检查、维护',
      checkPoints: lines(
        '查看公共区域电气线路的检查维护记录',
        '现场查看有无线路老化、破损、私拉乱接',
      ),
      legalBasis: `${FS_BASIS}；《中华人民共和国消防法》第六十六条（电气线路不符合消防技术标准的处理）〔已确认〕`,
      hazardLevel: 'general',
    },
    {
      code: 'FS-06',
      category: '车辆安全',
      hazardCategory: 'other',
      checkText: '殡仪车和服务车辆按规定维护保养，驾驶员记录完整',
      checkPoints: lines(
        '查看车辆维护保养记录',
        '查看驾驶员档案和出车记录',
      ),
      legalBasis: FS_BASIS,
      hazardLevel: 'general',
    },
    {
      code: 'FS-07',
      category: '应急管理',
      hazardCategory: 'management',
      checkText: '储备应急物资和防疫（感染防控）物资',
      checkPoints: lines('查看应急物资和防疫物资的储备清单、数量和有效期'),
      legalBasis: FS_BASIS,
      hazardLevel: 'general',
    },
    {
      code: 'FS-08',
      category: '隐患排查与巡查',
      hazardCategory: 'management',
      checkText: '每日开展安全巡查并记录',
      checkPoints: lines('查看每日安全巡查记录是否连续、内容完整'),
      legalBasis: FS_BASIS,
      hazardLevel: 'general',
    },
    {
      code: 'FS-09',
      category: '服务安全',
      hazardCategory: 'service',
      checkText: '火化前核验逝者身份、死亡证明和火化确认手续；火化数据安全存储，火化证明严格管理',
      checkPoints: lines(
        '抽查火化档案，核对身份核验、死亡证明和火化确认手续是否齐全',
        '查看火化数据的存储和备份方式',
        '查看火化证明的领用、发放登记',
      ),
      legalBasis: `${FS_BASIS}；民政部办公厅关于遗体处置管理的通知（标题、文号未取得）〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'FS-10',
      category: '服务安全',
      hazardCategory: 'management',
      checkText: '骨灰寄存场所和公墓的骨灰档案与实际相符，落实祭扫用火的防火措施',
      checkPoints: lines(
        '抽查骨灰档案与寄存、安葬实际是否一致',
        '查看祭扫用火的管理和防火措施',
        '本项细节来源未经核实',
      ),
      legalBasis: `${FS_STD}〔待核实：本项细节未经核实〕`,
      hazardLevel: 'general',
    },
  ],
};

const MH_STD = '《精神卫生福利机构重大事故隐患判定标准》（民办发〔2025〕1号）';
const MH_NEWS = '〔已确认〕（据新闻概述，判定标准原文未取得）';
const MH_NORM = '《精神卫生社会福利机构基本规范》（MZ/T 056-2014，民政部公告第329号）';

const mentalHealthWelfare: ReferenceChecklist = {
  code: 'mental-health-welfare',
  name: '精神卫生社会福利机构安全检查',
  description:
    '依据《精神卫生社会福利机构基本规范》（MZ/T 056-2014）、《精神卫生福利机构管理办法》和《精神卫生福利机构重大事故隐患判定标准》（民办发〔2025〕1号），用于检查精神卫生社会福利机构的资质、设施、应急和服务安全；其他福利机构内设的精神障碍服务单元可参照使用。',
  institutionTypes: ['mental_health_welfare'],
  sourceNote:
    'MZ/T 056-2014《精神卫生社会福利机构基本规范》由民政部公告第329号发布，2014年9月9日起实施，为推荐性行业标准，涵盖服务、设施设备、运营管理、评价与改进，其他福利机构的精神障碍服务单元可参照执行〔已确认〕；据2014年报道共10章56条87款〔转述〕。《精神卫生福利机构管理办法》由民政部、国家卫生健康委联合制定，2025年3月1日起施行〔转述〕。《精神卫生福利机构重大事故隐患判定标准》（民办发〔2025〕1号）由民政部办公厅于2025年2月19日印发，共17种情形：设施设备类6种、资格资质类3种、日常管理类5种、其他类3种〔已确认〕；本表据新闻概述录入其中3种（MH-02至MH-04，按重大隐患登记），其余14种原文未取得，仅设占位项MH-05待补，系统不编造条文。',
  items: [
    {
      code: 'MH-01',
      category: '资格资质',
      hazardCategory: 'qualification',
      checkText: '机构持有医疗机构执业许可证，具备相应诊疗能力',
      checkPoints: lines(
        '查看医疗机构执业许可证，核对执业地址、诊疗科目与实际是否一致',
        '抽查医师、护士的执业证书',
      ),
      legalBasis: '《精神卫生福利机构管理办法》（民政部、国家卫生健康委，2025年3月1日起施行）〔转述〕',
      hazardLevel: 'general',
    },
    {
      code: 'MH-02',
      category: '资格资质',
      hazardCategory: 'qualification',
      checkText: '消防控制室值班人员具备相应资格，不得安排无资格人员值班',
      checkPoints: lines(
        '查看消防控制室排班表和值班记录',
        '核对值班人员的相应资格证书（如消防设施操作员证书）与本人是否相符',
        '未设消防控制室的，本项不适用',
      ),
      legalBasis: `${MH_STD}资格资质类情形${MH_NEWS}`,
      hazardLevel: 'major',
    },
    {
      code: 'MH-03',
      category: '设施设备',
      hazardCategory: 'building',
      checkText: '不得擅自变动房屋建筑主体和承重结构',
      checkPoints: lines(
        '现场查看有无拆改承重墙、梁、柱或擅自加层等情况',
        '有改建、装修的，查看相关审批或设计文件',
      ),
      legalBasis: `${MH_STD}设施设备类情形${MH_NEWS}`,
      hazardLevel: 'major',
    },
    {
      code: 'MH-04',
      category: '日常管理与应急',
      hazardCategory: 'management',
      checkText: '按规定制定突发事件应急预案，并定期组织应急演练',
      checkPoints: lines(
        '查看突发事件应急预案是否齐全、符合本机构实际',
        '查看应急演练记录，核实是否定期组织',
      ),
      legalBasis: `${MH_STD}日常管理类情形${MH_NEWS}`,
      hazardLevel: 'major',
    },
    {
      code: 'MH-05',
      category: '重大事故隐患判定标准其余情形',
      hazardCategory: 'other',
      checkText: '《精神卫生福利机构重大事故隐患判定标准》其余14种情形待县局依据民政部原文补充录入（原文尚未取得，系统不编造条文）',
      checkPoints: lines(
        '占位项：原文未取得，不用于检查。',
        '该标准共17种情形（设施设备类6种、资格资质类3种、日常管理类5种、其他类3种），已录入3种（MH-02至MH-04）。',
        '取得民政部原文后按原文逐项录入，并删除本占位项。',
      ),
      legalBasis: `${MH_STD}（民政部办公厅，2025年2月19日）；其余情形原文未取得`,
      hazardLevel: 'major',
      isPlaceholder: true,
    },
    {
      code: 'MH-06',
      category: '服务安全',
      hazardCategory: 'service',
      checkText: '入院、日常照护、膳食、康复和社会工作等服务按书面规程开展',
      checkPoints: lines(
        '查看上述各项服务的书面规程',
        '抽查服务记录，核对是否按规程执行',
      ),
      legalBasis: `${MH_NORM}〔转述〕`,
      hazardLevel: 'general',
    },
    {
      code: 'MH-07',
      category: '制度与规程',
      hazardCategory: 'management',
      checkText: '建立感染控制、后勤、医疗和护理管理制度',
      checkPoints: lines('逐项查看感染控制、后勤、医疗、护理管理制度是否齐全'),
      legalBasis: `${MH_NORM}〔转述〕`,
      hazardLevel: 'general',
    },
  ],
};

export const REFERENCE_CHECKLISTS: ReferenceChecklist[] = [
  elderlyMajorHazard,
  lifePassage,
  elderlyFireSafety,
  childWelfare,
  reliefStation,
  funeralService,
  mentalHealthWelfare,
];
