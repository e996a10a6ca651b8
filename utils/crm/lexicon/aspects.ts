// The words of the aspect tagger (../aspects.ts), data only: which of the nine seller aspects a word
// names and how (ASPECTS.md of the review evaluation data has the aspects and the judgement rules), the
// characters that close or join a clause, and the patterns that tell what kind of product a review is
// about. General shopping-review vocabulary written by hand, no data behind it. The rules that read
// these words, and the lookup compiled from them once (compileAspectLexicon), are in ../aspects.ts.
//
// The word groups are in order: a later definition of the same word wins.

// Aspect indices follow ASPECT_IDS.
export const LOG = 0, DAM = 1, MIS = 2, QUA = 3, SIZ = 4, TAS = 5, SER = 6, PRI = 7, USE = 8;
// Pseudo-aspects resolved by product context (resolve() in ../aspects.ts).
export const SMELL = 9; // clothes → quality, otherwise taste
export const ROT = 10; // 坏: food → taste, otherwise quality
export const ROTF = 11; // 烂: taste unless the review is about a device or clothes
export const FIT = 12; // clothes → size; fruit (big/small words) → quality; otherwise plain sentiment
export const FEEL = 13; // clothes → quality, otherwise usage (手感)
export const SPEED = 14; // right after another cue → that cue; devices → usage; otherwise logistics
export const DIM = 15; // 大小: clothes → size, fruit → quality, device → usage, otherwise size
export const SERV = 16; // 服务/态度 (and every service word): logistics when the review talks of the courier and of no seller
export const PIC = 17; // 图片: the photos a device takes (usage), otherwise the seller's pictures (mismatch)
export const DUR = 18; // 耐用: the battery's when said of a usage cue (电池不耐用), else quality
export const NONE = -1;

/** What kind of word an entry is. */
export const K = {
  Cue: 0, // aspect word without polarity
  Fixed: 1, // aspect word with its own polarity
  Sent: 2, // general sentiment
  Mag: 3, // magnitude word: sign from the cue's direction, else its default
  Neg: 4, // negator
  Contrast: 5, // starts a new clause; may carry sentiment (可惜)
  Sink: 6, // a topic that is no aspect: swallows the sentiment after it
  Block: 7, // stops a wrong shorter match, nothing else
  Hypo: 8, // 如果, 万一, 会不会: what follows in the clause is not a report
} as const;
export type K = (typeof K)[keyof typeof K];

// Entry flags
export const COURIER = 1; // cue: courier; service words in the clause become logistics
export const WEAK = 2; // FIT word that means nothing outside clothes and fruit (大了, 小了)
export const BIGW = 4; // FIT/Mag word about bigness (大, 高, 长…)
export const NOPOS = 8; // cue that only carries complaints (东西, 包装: 东西很好 is no quality praise)
export const MISSING = 16; // cue whose absence is a complaint (没有蓝牙, 没有物流信息)
export const ACC = 32; // accessory or gift: absent → mismatch, poor → quality
export const MISNEG = 64; // mismatch cue: 不是/不像 + cue is a complaint too (不是图片上的); no aspect in books
export const STRONG = 128; // FIT word only said of clothes and shoes (偏大, 买小了): size unless about a device
export const ASK = 256; // cue after which 问题 is a question, not a problem (回答了我很多问题)
export const ADJ = 512; // Fixed adjective that describes the cue before it when there is one (面料舒服 is quality)

/** Words (separated by white space) that share a kind, an aspect, a polarity and flags. */
export interface WordGroup {
  readonly k: K;
  readonly a: number; // aspect or pseudo-aspect; NONE for sentiment
  readonly b: number; // second aspect of a Fixed phrase, or NONE
  /** Fixed, Sent, Contrast: polarity; Mag: default sign; Cue: magnitude direction (+1 bigger is better). */
  readonly p: number;
  readonly f: number;
  readonly words: string;
}

const group = (k: K, a: number, b: number, p: number, f: number, words: string): WordGroup => Object.freeze({ k, a, b, p, f, words });
const cue = (a: number, words: string, dir = 0, f = 0) => group(K.Cue, a, NONE, dir, f, words);
const fixed = (a: number, p: number, words: string, b = NONE, f = 0) => group(K.Fixed, a, b, p, f, words);
const sent = (p: number, words: string) => group(K.Sent, NONE, NONE, p, 0, words);
const mag = (p: number, f: number, words: string) => group(K.Mag, NONE, NONE, p, f, words);
const neg = (words: string) => group(K.Neg, NONE, NONE, 0, 0, words);
const contrast = (p: number, words: string) => group(K.Contrast, NONE, NONE, p, 0, words);
const sink = (words: string) => group(K.Sink, NONE, NONE, 0, 0, words);
const block = (words: string) => group(K.Block, NONE, NONE, 0, 0, words);
const hypo = (words: string) => group(K.Hypo, NONE, NONE, 0, 0, words);

/** Every word of the tagger, in order: a later definition of the same word wins. About 3,000 words. */
export const ASPECT_WORDS: readonly WordGroup[] = Object.freeze([
  // ---------------------------------------------------------------- general sentiment
  sent(1, `好 很好 挺好 蛮好 不错 挺不错 还不错 满意 喜欢 喜爱 棒 很棒 赞 点赞 给力 完美 优秀 出色 一流 漂亮 好看 精美
    精致 还行 还可以 挺可以 都可以 可以的 靠谱 放心 安心 惊喜 及时 迅速 准时 专业 认真 负责 细心 清晰 清楚 稳定 灵敏
    方便 便捷 快捷 实用 够用 足够 强大 丰富 齐全 到位 好评 五星 推荐 值得 值 信赖 信得过 可靠 满分 无敌 牛 好极了 不赖
    超赞 没问题 没得说 没的说 没话说 没说的 没毛病 无可挑剔 挑不出毛病 合适 适中 正好 刚好 舒心 省心 顺利 愉快 开心
    高兴 支持 实在 良心 用心 一致 相符 符合 吻合 正常 好极 nice 物有所值 如愿 佳 极佳 上佳 绝佳 俱佳 优异 优质 优良
    完善 快乐 轻松 厚道 柔软 热情 热心 精良 过硬 不错的 好使 管用 喜人 超好 特好 真好 太好 爽 倍儿 杠杠`),
  sent(-1, `差 很差 太差 差劲 垃圾 烂 破 糟糕 糟 失望 后悔 上当 受骗 被骗 骗 骗人 欺骗 坑 坑爹 坑人 忽悠 郁闷 无语 不满
    一般 一般般 凑合 将就 勉强 马马虎虎 马虎 问题 毛病 缺点 不足 麻烦 费劲 费事 吃力 难 不行 恶心 气人 气死 投诉 差评
    心寒 寒心 鄙视 无奈 遗憾 不爽 头疼 头痛 难受 严重 粗糙 劣质 低劣 太次 渣 敷衍 恶劣 蛮横 不靠谱 不专业 模糊 不清
    不够用 不能 无法 没法 没办法 不要买 别买 慎买 慎重 慎入 谨慎 不推荐 悲剧 倒霉 晕 汗 囧 吐血 崩溃 抓狂 无良 无耻
    黑心 缺德 欺负 折腾 落伍 过时 不稳定 故障 不如 比不上 不值一提 差距 差别 出入 不符 不对 不一样 不同 不一致 相差
    差远 差太远 离谱 太离谱 夸张 可怕 不咋地 不咋样 不怎么样 不敢恭维 不尽人意 不尽如人意 有待提高 有待改进 有待加强
    惨 不良 缺陷 弊端 鸡肋 伤心 生气 愤怒 火大 卡壳 不堪 一言难尽 无力吐槽 吐槽 槽点 伤不起 闹心 糟心 窝火 烦 很烦
    烦人 讨厌 可恶 欠佳 不佳 困难 还需 有待 需改进 需要改进 待改进 需加强 需要加强 需要提高 希望改进 希望能改进 不想
    不值得 欠缺 不给力 不理想 不太理想 够呛 呵呵哒 差强人意 不堪入目 凑活 失败 白买 白花 浪费 不合格 不达标
    不正常 异常 出错 错误 报错 不好用 不给 太烂 很烂 后悔死`),
  block(`差不多 差一点 差点 好像 好多 好几 好些 只好 最好 好在 好不容易 爱好 好奇 好友 好人 你好 您好 好让 好歹 好处
    好吧 好了 刚好是 一般来说 一般都 一般是 一般用 一般在 一般会 一般要 一般不 一般情况 一般人 一般的人 不知道 不知
    不管 不用说 不但 不仅 不只 不光 不得不 不少 不停 不断 不久 不然 不一定 不到 不好意思 不如说 不论 无论 无所谓 无非
    无缘 没想到 没用过 还没用 没试 没来得及 没开始 没看 没仔细 没拆 没装 没安装 没事 没关系 难道 难怪 难免 难得 问问
    请问 坏人 破费 可以看出 可以说 还是 还要 骗子 差额 一样的 同样 破解 不是说 是不是 会不会 能不能 行为 进行 运行
    银行 行业 自行 执行 但愿 不由 不禁 不可思议 不得了 差异 出差 不然的话 要不是 值班 数值 价值观 代价 不值得一提
    值得一提 评价 物价 身价 还价 讨价还价 钱包 钱财 慢慢 尽快 快要 赶快 快点 快些 多少 大多 大部分 大概 大家 大约
    少许 多久 长期 长时间 重要 重新 小时 小孩 小朋友 小伙伴 小区 小小 多次 很多 大多数 小心 不知所云 好多次 好几次
    不明白 不清楚 没什么可说 差不离 没问过 不用 不想说 不说 就不说 不说了`),
  sent(-1, '不值得一提 好久 很久 太久 迟迟 拖拉 磨蹭 拖延 延迟 延误 磨叽'),
  sent(1, '值得一提'),
  // magnitude: 高/大/长… are "big" (BIGW); the cue's direction decides, else the default sign
  mag(1, BIGW, '高 强 快 飞快 很快 厉害'),
  mag(-1, 0, '低 弱 慢 很慢 龟速 缓慢'),
  mag(0, BIGW, '大 多 长 重 厚'),
  mag(0, 0, '小 少 短 轻 薄'),

  // ---------------------------------------------------------------- negators, contrast, conditions
  hypo(`希望 如果 假如 要是 万一 即使 就算 假设 倘若 以免 免得 担心 害怕 生怕 会不会 是否 能否 有没有 会不会有
    不知会不会`),
  neg(`不 没 没有 并不 不太 不是 一点也不 一点都不 一点儿也不 无 并没有 并非 从不 毫不 绝不 不会 不怎么 不算 不够 未
    木有 没什么 不那么 不大 并没 不很 不甚 不再 怀疑 不像 从没 从来没 从来不 还没有 不怎么样的`),
  sent(-1, '不怎么样的'),
  contrast(0, '但 但是 可是 就是 不过 然而 只是 只不过 唯一 除了 却 不足的是'),
  contrast(-1, '可惜 美中不足 遗憾的是 缺点是 缺点就是 不足之处 唯一的缺点 唯一不满'),
  block('就是说 也就是 就是了 只是个 不过如此 却是'),
  sent(-1, '不过如此'),

  // ---------------------------------------------------------------- 物流 logistics
  cue(LOG, `物流 快递 发货 送货 到货 配送 派送 送达 运送 运输 递送 快件 包裹 邮寄 邮递 寄来 寄过来 送过来 发过来 运费
    邮费 顺丰 圆通 申通 中通 韵达 百世 汇通 天天快递 EMS 邮政 速递 送货上门
    送到家 上门 自提 自提点 代收点 驿站 出库 揽收 签收 收货 送货速度 发货速度 物流速度 快递速度 配送速度 派件 送货服务
    物流服务 快递服务 配送服务`),
  cue(LOG, '物流信息 快递信息 单号 物流单号', 0, MISSING),
  cue(LOG, `快递员 快递小哥 送货员 配送员 派送员 快递师傅 送货师傅 送货的 送快递的 快递的 小哥 快递公司
    物流公司`, 0, COURIER),
  fixed(LOG, -1, '放快递柜 放在快递柜 丢在驿站 放到驿站 放驿站 放门卫 放在门卫 丢在门口 放在门口 扔门口'),
  fixed(LOG, 1, `神速 次日达 当日达 当天到 当天就到 次日到 隔天到 隔天就到 第二天就到 第二天到 第二天就收到 当天就收到
    一天就到 两天就到 很快就到 很快就收到 就到了 就送到 就送来 就收到 就送过来 准时送达 送货及时 送货快 发货快 到货快
    到的快 到得快 送得快 送的快 发得快 发的快 送上楼 搬上楼 送到楼上 送货到家 送到家里 送到门口 送货上楼 闪电 极速`),
  fixed(LOG, -1, `才到 才收到 才送到 才发货 才送 才发 才给送 还没到 没到 没到货 还没收到 没收到货 迟迟不发 不发货
    还没发货 迟迟没 丢件 件丢了 快递丢了 包裹丢了 货丢了 弄丢 丢失 送错 投错 不送上楼 不上楼 不送货上门 不送上门 自己去取 自己去拿 自己取 自己下楼
    让我下楼 让我去取 联系不上 催了 催促 几天才 一周才 一个星期才 半个月才 物流太慢 物流慢 快递慢 发货慢 到货慢 送货慢
    不派送 不送货 拒送 加收 另收 不能送 没送到 爆仓 滞留 停滞 不更新 延期 误期 超时 送到楼下 只送到楼下 放楼下 扔在门口
    扔到门口 扔门口 扔在楼下 扔快递柜 不给验货 至今没收到 至今未收到 至今没到 还没送 送不到 不送到 不给送 不肯送 不愿送 被签收 代签收 被人签收 暴力 野蛮 摔坏了 扔坏`),
  block(`才发现 才发觉 才到手 才知道 才明白 才想起 才能 才可以 个小时 个多小时 牛奶 牛仔 牛皮 牛肉 牛排 牛筋
    还没到 也没到`),
  fixed(LOG, -1, '还没到 也没到'),
  block('等了一下 等待中 跑步 收货人 收货地址 送货单'),

  // ---------------------------------------------------------------- 破损 damage
  cue(DAM, '包装 外包装 外箱 包装箱 箱子 盒子 纸箱 瓶子 瓶身 瓶盖 袋子 封口 泡沫箱 包装盒', 0, NOPOS),
  fixed(DAM, -1, `破损 破了 破的 破裂 破碎 破洞 压坏 压扁 压碎 压烂 压变形 压瘪 挤坏 挤压 挤扁 摔坏 摔碎 摔烂 碰坏 磕坏
    磕碰 磕伤 碰伤 碎了 碎的 裂了 裂开 裂缝 裂痕 开裂 漏 漏了 漏液 渗漏 漏出 洒了 撒了 流出来 脏 脏了 脏的 污渍 污迹
    污染 弄脏 湿了 打湿 受潮 泡水 进水 划痕 刮花 刮痕 划伤 凹陷 凹进 凹了 瘪了 包装破 包装烂 包装坏 包装简陋 包装太差
    包装差 包装很差 箱子破 盒子破 外箱破 包装破损 胀袋 胀包 鼓包 漏奶 漏气 沾满 不完整 散架 散开 散了 散落 摔了 掉地上
    包装太简单 包装不好 包装一般 压得`),
  fixed(DAM, -1, '冻了 冻坏 冻伤 冻烂 冻住 结冰 冻成', TAS),
  fixed(DAM, 1, `完好 完好无损 完整无缺 无损 包装严实 包装结实 包装完好 包装严密 包装完整 包装仔细 包得很好
    包装得很好`),
  block(`无数 无限 无尽 无比 无意 无需 无须 无关 无所谓 无时无刻 霉菌 苦了 短信 漏水 漏电 漏发 漏寄 漏光 遗漏 疏漏 漏洞
    脏话 破手机 破东西 破电脑 不漏`),
  sent(1, '不漏'),

  // ---------------------------------------------------------------- 货不对板 mismatch
  cue(PIC, '图片 图上 图中 照片', 0, MISNEG),
  cue(MIS, `描述 实物 宣传 介绍 标注 标称 标的 网上说 页面 官方 官网 详情 说的 写的 描述的 商品描述 宝贝描述 参数 承诺
    所说 说好的 实际 实际上 图片上 详情页 期望`, 0, MISNEG),
  fixed(MIS, -1, `色差 与图片不符 图片不符 描述不符 与描述不符 货不对板 货不对版 发错 寄错 错发 发错了 错货 发成
    发来的是 送来的是 寄来的是 少发 漏发 少寄 漏寄 少给 少送 少件 缺件 缺少 少了一 少了个 少一个 少一件 少一瓶 缺了
    配件不全 缺配件 没有赠品 没送赠品 没给赠品 赠品没有 赠品呢 没收到赠品 赠品没收到 没有收到赠品 虚假 虚假宣传 夸大
    夸大宣传 假宣传 言过其实 名不副实 挂羊头 型号不对 颜色不对 颜色不一样 颜色发错 款式不对 不是我要的 不是我买的
    不是我订的 不是我选的 换了包装 与实物不符 实物不符 图片仅供参考 以次充好 偷工减料 与宣传不符 差太多 完全不一样
    根本不是 不一样的 是两回事 两码事 实际只有 实际却 实际上是 结果寄来 结果送来 送的是 配的是 给的是 装不满
    不足量 分量不足 缺斤少两 短斤少两 分量少 量少 不够量 不是原装 标称的 明明写着 明明说`),
  fixed(MIS, -1, `不够斤 斤数不够 重量不够 不足斤 分量不够 称了一下 称了下 一称 过秤 旧款 老款 不是新款 不是新的`),
  fixed(MIS, 1, `与描述相符 描述相符 实物相符 与图片一致 和图片一样 跟图片一样 与图片一样 和描述一样 跟描述一样
    与描述一致 货真价实 一模一样 和图一样 跟图一样 没有色差 无色差 图片一致 描述一致 货对板 和描述的一样 跟描述的一样
    如描述`),
  block('说明书 说明了 说明一下 介绍给 介绍的朋友 实际用 实际使用 色差不大 没色差'),
  fixed(MIS, 1, '色差不大 没色差'),

  // ---------------------------------------------------------------- 质量 quality
  cue(QUA, `质量 品质 做工 材质 材料 用料 面料 布料 料子 质地 工艺 走线 车线 针脚 缝线 纸张 纸质 印刷 装订 字迹 油墨
    质感 做功 外壳 机身 排版 印刷质量 纸`),
  cue(QUA, '纸张 纸 纸质 布料 面料 料子', 1), // 纸不厚 → complaint
  cue(QUA, '东西 产品 商品 宝贝 货 机器 机子 这货 玩意', 0, NOPOS),
  cue(QUA, '个头 个儿 果个 个子 果子 果型', 1),
  cue(QUA, '赠品 礼品 小礼物 配件 附件 耳机 充电器 数据线 贴膜 保护膜 保修卡 说明书 小样', 0, ACC),
  fixed(QUA, -1, `起球 掉色 褪色 染色 串色 缩水 开线 脱线 线头 开胶 脱胶 掉胶 断了 断裂 折断 掉漆 脱漆 生锈 锈了 瑕疵
    次品 残次 残次品 劣质 假货 假的 仿冒 冒牌 山寨 水货 翻新 翻新机 二手 二手货 盗版 缺页 掉页 错页 白页 漏印 印刷不清
    字迹模糊 印刷模糊 印刷差 死机 蓝屏 黑屏 白屏 花屏 闪屏 重启 自动重启 自动关机 开不了机 无法开机 不能开机 开机不了
    启动不了 不能启动 无法启动 进不去系统 进不了系统 返修 送修 修了 修理 维修 用不了了 没法用 无法使用 不能使用
    不能正常使用 用不成 不工作 失灵 不灵 没反应 无反应 没有反应 坏点 漏光 漏水 漏电 异响 变形 易碎 易坏 容易坏
    一用就坏 用坏 就坏 又坏 坏了几次 烧了 烧坏 冒烟 短路 闪退 拉肚子 闹肚子 腹泻 肚子疼 肚子痛 中毒 有毒 毒奶 致癌
    超标 添加剂 不安全 食品安全 细菌 菌落 违规 黑幕 丑闻 便宜没好货 不耐脏 不耐穿 不耐用
    不结实 容易脏 爱脏 易脏 起毛 掉毛 扎人 扎手 皱巴巴 毛边 做工粗糙 质量差 质量不好 质量一般 质量太差 质量有问题
    质量问题 没有生产日期 没有日期 三无 假冒 伪劣 假冒伪劣 有虫 虫子 生虫 挂了 报废 不管用 毛病多 打蜡 开了线 错别字
    错字 印错 乱码 破手机 破电脑 破本 破机器 破玩意 破东西 破衣服 烂东西 烂手机 烂货 破货 垃圾产品 垃圾东西 垃圾手机
    垃圾平板 垃圾电脑 垃圾机 坏掉了 用几天就 没几天就 不到一个月就 就不行了 就不能用 出故障 出问题 出毛病 不亮
    接触不良 不充电 充不了电 不能充电 收不到 连不上网 无法连接 掉漆了 假货吧 不像正品 不是正品 太薄`),
  fixed(QUA, -1, `关不掉 关不了 开不了 读不出 识别不了 认不出 不识别 充不进 充不上 拨不出 接不通 打不出 按不动
    不出水 不加热 不制热 不工作了 坏了一个 失效 不好使了 不能正常 时好时坏 时灵时不灵`),
  fixed(QUA, -1, '漏页 少页 缺了页 散页 脱页 装订差 装订不好 装订松 字迹不清 印刷不清楚 有错字 错别字多'),
  fixed(QUA, 1, `正品 正版 行货 原装 结实 耐用 牢固 厚实 扎实 耐摔 耐磨 耐穿 做工精细 做工精致 做工好 做工不错 质量好
    质量不错 质量很好 品质好 品质不错 无瑕疵 没有瑕疵 真货 耐脏 没有线头 无线头`),
  fixed(QUA, 1, '物美价廉 价廉物美 物超所值', PRI),
  block(`关机键 开关机 假期 假日 一分钱 安全感 安全期 安全阀 维修站 维修点 修改 死机了吗 个人 个别 个性 一个 这个 那个
    几个 各个 两个 每个 整个 半个`),
  cue(SER, '维修站 维修点 保修 质保 三包'),
  cue(QUA, '生产日期 出厂日期', 0, MISSING),
  fixed(DUR, 1, '耐用 耐摔'),
  fixed(DUR, -1, '不耐用'),

  // ---------------------------------------------------------------- 尺码 size
  cue(SIZ, `尺码 码数 码子 号码 号型 鞋码 均码 大码 小码 腰围 肩宽 袖长 裤长 衣长 胸围 版型 身材 上身 上脚 袖子 裤长
    领口 肩膀`),
  cue(DIM, '大小 尺寸'),
  fixed(SIZ, -1, `大一号 小一号 大一码 小一码 大半码 小半码 大两码 小两码 不合身 不合脚 挤脚 夹脚 顶脚 勒脚 勒 紧身 太紧
    偏紧 太松 偏松 太肥 偏肥 太瘦 偏瘦 码数不准 尺码不准 尺码不对 码不对 号不对 穿不上 穿不进 穿不了 小了一号 大了一号
    小了一码 大了一码 不标准 有点瘦 有点紧 有点肥 有点松 码偏 尺码偏 换大一号 换小一号`),
  fixed(SIZ, 1, '合身 合脚 尺码标准 尺码准 码数标准 码数准 尺码正好 尺码合适 码数合适 刚刚好 不大不小'),
  group(K.Fixed, FIT, NONE, -1, BIGW, '太大 过大 有点大 稍大 略大 大了点 大了些'),
  group(K.Fixed, FIT, NONE, -1, BIGW | STRONG, '偏大 偏大了 买大了'),
  group(K.Fixed, FIT, NONE, -1, 0, `太小 过小 有点小 稍小 略小 小了点 小了些 个头小 个小 很小 小小 比较小 太长 太短 偏长
    偏短 有点长 有点短`),
  group(K.Fixed, FIT, NONE, -1, STRONG, '偏小 偏小了 买小了'),
  group(K.Fixed, FIT, NONE, -1, WEAK, '大了 小了'),
  group(K.Fixed, FIT, NONE, 1, BIGW, '个头大 个大 大个'),
  block('小小的 小时候 小米'),

  // ---------------------------------------------------------------- 口感/新鲜 taste
  cue(TAS, '口感 口味 甜度 水分 新鲜度 日期 保质期 果肉 果汁 汁水 奶味 奶香 吃起来 喝起来 尝 肉质 果皮'),
  cue(SMELL, '味道 气味 香味 味儿 香气 闻着 闻起来'),
  fixed(TAS, 1, `新鲜 好吃 好喝 香甜 甘甜 清甜 甜 酸甜 香 脆 爽口 可口 多汁 水分足 水分多 汁多 醇 香浓 浓郁 鲜美 美味
    入味 沙甜 好味 嫩 日期新鲜 日期很新 日期新 软糯 香醇 醇厚 口感好 口感不错 很甜 挺甜`),
  fixed(TAS, -1, `难吃 难喝 过甜 齁 甜腻 酸 太酸 苦 发苦 涩 发涩 腥 膻 馊 变质 过期 临期 快过期 霉 发霉 霉变 霉烂 长毛
    腐烂 烂果 烂掉 发烂 变味 串味 没味 没味道 寡淡 淡而无味 干巴 干瘪 没水分 水分少 不熟 生的 太生 没熟 熟过头 蔫 打蔫
    皱皮 有斑 空心 不新鲜 口感差 口感不好 味道差 味道不好 日期不新鲜 日期旧 日期老 快到期 结块 分层 太硬 很硬 发硬
    不好吃 不甜`),
  group(K.Fixed, ROT, NONE, -1, 0, '坏了 坏的 都坏 有坏的'),
  group(K.Fixed, ROTF, NONE, -1, 0, '烂了 烂的 都烂 有烂的 坏果 陈货 存货 老货 去年的'),
  fixed(SMELL, -1, `臭 发臭 臭味 异味 怪味 霉味 刺鼻 难闻 呛 味道大 味道很大 味道太大 气味大 味很大 味太重 有股味 一股味
    有味道 刺激性气味 化学味 塑料味 胶味`),
  fixed(SMELL, 1, '好闻 清香 香味好 味道好闻 很香 好香 香香的'),
  block(`酸奶 酸酸乳 酸牛奶 酸性 酸痛 酸楚 心酸 寒酸 香蕉 香港 香皂 香波 香水 香菇 香型 脆弱 苦恼 辛苦 痛苦 命苦 苦衷
    甜蜜 甜美 口味重 尝试 品味 趣味 意味 口碑 滋味 韵味 无味 人情味 味精 黑心商家 黑心卖家 黑心店 脆皮 软件 软驱 生日
    生产 生活 学生 先生 发生 生意 产生 出生 卫生 医生 陌生 生病 皮肤 头皮 皮鞋 皮带 皮革 真皮 皮质 皮套 调皮 皮卡 硬盘
    硬件 硬伤 坚硬 硬币 硬是 干净 干燥 干脆 干嘛 干啥 干什么 干活 若干 干洗`),
  sent(-1, '黑心 生气 生病 硬伤'),
  sent(1, '干脆'),

  // ---------------------------------------------------------------- 客服 service
  cue(SER, '回答 解答 咨询 请教 问了', 0, ASK),
  cue(SER, '解决 解决掉 处理好', 0, ASK | MISSING),
  cue(SER, `客服 售后 卖家 店家 商家 掌柜 老板 店主 店小二 小二 回复 答复 退货 退款 退换 换货 退换货 售后服务
    技术员 技术人员 安装师傅 安装人员 安装工 安装工人 师傅 工作人员 维修人员 沟通 热线 退钱 退差价 补发 补寄 赔偿
    价保 售后部 客户服务 人工服务 服务人员 服务员`),
  cue(SERV, '服务 态度 服务态度 服务质量 服务体验'),
  fixed(SERV, -1, '服务差 服务不好 服务太差 服务很差 态度差 态度恶劣 态度不好 态度极差 态度很差 态度太差'),
  fixed(SERV, 1, '服务好 服务很好 服务周到 服务热情 服务不错 态度好 态度很好 态度不错 服务到位 服务一流'),
  cue(SER, '退钱 退款 回复 答复 补发 赔偿 处理结果', 0, MISSING),
  fixed(SER, -1, `不理人 不理 不理睬 不搭理 爱理不理 没人理 没人管 没人回 不回复 不回 回复慢 回复很慢 不处理 推卸 推诿
    推脱 踢皮球 扯皮 敷衍了事 不给退 不给换 不让退 拒绝退 不退 不换 不给退款 不退款 拒收 刁难 骂人 拉黑 不负责
    不负责任 不耐烦 冷淡 爱搭不理 没有回复 不予 不给处理 不给解决 耍赖 踢来踢去 不作为 霸王条款 拖着不 一直拖 乱收费
    没诚信 不诚信 怠慢 搪塞 打发 不受理 不予受理 不给办 不承认 不认账 推来推去 不包邮 没人接 不接电话 电话打不通
    打不通 找不到人 不了了之 石沉大海`),
  fixed(SER, -1, `运费自理 自己出运费 要我出运费 让我出运费 买家承担运费 不开发票 不给发票 发票开错 没开发票 不给价保
    不退差价 不给退差价 拒绝价保 价保不给 没通知 不通知 没打电话 不打电话 电话也不打 也不通知`),
  cue(SER, '发票 收据', 0, MISSING),
  fixed(SER, 1, `耐心 热情 周到 贴心 礼貌 客气 回复及时 及时回复 有问必答 秒回 处理及时 处理得很好 很快解决 及时解决
    解决问题 帮我解决 解决了问题 退换方便 售后好 售后不错 售后很好 诚信 负责任 细致 亲切 和蔼 专业的`),
  block('服务区 服务器 推送服务 云服务 服务端 电话打 打电话 电话本 回答问题 处理器 联系人 不回来 不回家'),
  cue(USE, '处理器 服务器 推送服务 云服务'),

  // ---------------------------------------------------------------- 价格 price
  cue(PRI, '性价 价 价格上 钱 块钱 元 预算 活动价 售价 报价 单价 原价 定价 标价'),
  cue(PRI, '价格 价钱 价位 售价 单价 费用 收费 安装费 材料费 要价 花费 成本', -1),
  cue(PRI, '性价比 优惠 折扣 活动 优惠力度 满减 优惠券 券 红包', 1),
  fixed(PRI, -1, `贵 太贵 偏贵 昂贵 贵了 买贵了 有点贵 小贵 好贵 挺贵 不值 不值这个价 不值这个钱 对不起这个价 降价
    就降价 又降价 降了 就降了 又降了 又降 就降 降到 降至 跌价 掉价 涨价 就便宜 又便宜 现在便宜 马上便宜 划不来 亏了
    坑钱 多收 黑钱 宰客 宰人 高价 溢价 价格虚高 买亏了 白花钱 浪费钱 冤枉钱 不划算 不菲 就搞活动 就打折 就优惠
    就有优惠 价格高 价格太高 价格偏高 没优惠 没有优惠 优惠少 不优惠 变贵`),
  fixed(PRI, -1, '质价不符', QUA),
  fixed(PRI, 1, `便宜 实惠 划算 超值 很值 挺值 值了 超划算 物有所值 特价 打折 促销 活动价 优惠价 低价 价格低 价格便宜
    价格实惠 价格合理 价格公道 公道 省钱 白菜价 捡便宜 捡漏 赚了 买二送一 买一送一 送一 有活动 性价比高 性价比超高
    性价比很高 性价比不错 价格合适 价格适中 价廉`),
  fixed(QUA, 1, '便宜又好 又便宜又好'),

  // ---------------------------------------------------------------- 使用体验 usage
  cue(USE, `屏幕 屏 分辨率 画质 画面 显示屏 色彩 亮度 音质 声音 音量 铃声 喇叭 扬声器 话筒 听筒 音效 电池 续航 待机
    待机时间 电池时间 充电 电量 散热 风扇 运行 反应 系统 软件 操作 操作系统 键盘 触摸板 触摸 触屏 触控 按键 手写 拍照
    照相 摄像头 像素 相机 信号 网速 上网 wifi WiFi WIFI 无线 无线网卡 无线网络 GPS 导航 功能 性能 配置 内存 硬盘 显卡
    网卡 声卡 CPU cpu 游戏 光驱 驱动 接口 指纹 效果 使用体验 用起来 使用起来 用着 安装 加热 热水 水温 恒温 出水 水流
    保温 去屑 止痒 控油 洗后 洗完 洗着 泡沫 发质 穿着 穿起来 穿在身上 容量 开机 启动 应用 app APP 读盘 刻录 播放 视频
    智能 遥控 遥控器 面板 插头 开关 按钮 存储 储存 自带软件 预装软件`),
  cue(USE, '蓝牙 闪光灯 摄像头 USB usb 光驱 耳机孔 插卡 双卡 功能', 0, MISSING),
  cue(USE, '续航 待机 待机时间 电池时间 电量 容量 内存 硬盘 音量 亮度 铃声 分辨率 像素 性能 配置', 1),
  cue(USE, '噪音 噪声 耗电 耗电量 功耗 发热 发热量 发烫 温度 重量 体积 厚度 辐射 耗水', -1),
  fixed(USE, 1, `好用 很好用 挺好用 流畅 顺畅 顺滑 丝滑 快速 灵敏 舒服 舒适 好穿 透气 保暖 暖和 轻便 轻薄 轻巧 小巧 便携
    省电 耐电 待机长 续航长 续航好 续航久 柔顺 蓬松 清爽 滋润 洗得干净 清凉 凉爽 不卡 不发热 不烫 安静 静音 加热快
    出水快 效果好 效果不错 效果明显 有效果 有效 清晰度高 高清 大屏 屏幕大 反应快 速度快 开机快 上手 易用 操作简单 简便
    人性化 护眼 音质好 弹性 贴身 亲肤 爽滑 够用了 很爽 好上手 很方便 使用方便 安装方便 操作方便`),
  fixed(USE, -1, `难用 卡 卡顿 很卡 太卡 卡机 卡死 变卡 慢死 发热 发烫 烫手 烫 太热 很热 吵 噪音大 嗡嗡 耗电 费电 掉电
    掉电快 耗电快 续航短 待机短 撑不过 充不进 充电慢 充不满 闷 闷热 不透气 磨脚 硌脚 累脚 不舒服 扎 痒 头痒 发痒 干涩
    干燥 毛躁 打结 掉发 脱发 掉头发 头皮屑 头屑 过敏 刺激 油腻 太油 不起泡 没泡沫 连不上 搜不到 没信号 信号差 信号不好
    信号弱 没有信号 掉线 断线 断网 模糊不清 偏暗 太暗 反光 刺眼 费眼 伤眼 太重 沉 很沉 笨重 太厚 厚重 不方便 不便 难装
    难找 不好装 难调 不习惯 别扭 不顺手 不灵敏 反应慢 慢半拍 不够大 加热慢 出水慢 水不热 不热 忽冷忽热 水温不稳 不实用
    没啥用 没效果 没有效果 效果差 效果不好 效果一般 广告多 广告太多 强制 不兼容 兼容性差 不能卸载 删不掉 太老 太响
    很响 好响 有点响 响声 嗡嗡响 很难 太难 不流畅 画面模糊 偏色 漏光 难弄 头疼`),
  block(`卡片 卡通 存储卡 内存卡 SIM卡 sim卡 保卡 信用卡 银行卡 购物卡 礼品卡 卡扣 卡子 卡号 扩展卡 TF卡
    tf卡 SD卡 sd卡 电话卡 手机卡 卡槽 储值卡 刷卡 打卡 贺卡 卡套 热水器 热水壶 热卖 热销 热门
    闷骚 沉淀 沉香 重视 重复 重装 重做 重点 尊重 没用过 没用完 没用几次 干燥剂 干净利落 简单说 扎带
    洗完澡 烫发 重庆 响应 影响 闹心 很难说 难说 闷声 闹钟`),
  sent(-1, '闹心 落后 没用 没什么用 没啥用 不支持 加钱'),
  mag(1, BIGW, '惊人 吓人'),
  fixed(QUA, -1, '重启'),
  cue(SPEED, '速度 网速 运行速度 反应速度 开机速度 下载速度'),
  cue(USE, '运行速度 反应速度 开机速度 网速 下载速度', 1),
  cue(FEEL, '手感 触感 摸着 摸起来'),

  // ---------------------------------------------------------------- topics that are no aspect
  // a book's content, an item's looks, the brand in general
  sink(`广告 内容 作者 故事 情节 文笔 翻译 观点 写得 写的很 文字 语言 章节 书中 书里 读起来 插图 人物 主人公 思想 外观
    外形 颜值 样子 款式 样式 造型 颜色 广告词 代言 明星 花色 图案 品牌 牌子 包装设计 心情 心理 购物 网购 购物体验 感觉
    外貌`),
  // wrong colours and book print quality are aspects, above (颜色不对, 纸张/印刷)

  // ---------------------------------------------------------------- more of each kind (later entries win)
  fixed(LOG, -1, '自取 取件费 保管费 代收费 没动静 一直没动 没有变化 信息没变 没更新 物流没更新 迟到 晚到 送晚了'),
  fixed(DAM, -1, `撒出 撒得 撒的 洒出 洒得 洒的 泄露 泄漏 渗出 泥土 泥巴 都是泥 油污 油渍 污点 灰尘 撞伤 撞坏 撞过 碰过
    简陋 没有填充 没填充`),
  cue(DAM, '填充物 泡沫垫 泡沫板 气泡膜 气泡袋 防震', 0, MISSING),
  fixed(QUA, -1, `有洞 个洞 小洞 窟窿 爆线 暴线 跳线 掉线头 染手 掉颜色 跑色 退色 拉不动 拉不上 拉链坏 旧的 旧衣服 旧货
    用过的 有使用痕迹 就有问题 就出问题 就出现问题 就出现了问题 阴影 亮斑 暗斑 黄斑 蛆 虫眼 挤不出 压不出 按不出来
    肚子不舒服 打了蜡 打过蜡 一层蜡 大小不一 大小不均 参差不齐 糙 很糙 发霉了`),
  cue(QUA, '拉链 扣子 纽扣 鞋底 鞋带 做工上'),
  group(K.Fixed, ROT, NONE, -1, 0, '坏到 坏得 坏掉'),
  group(K.Fixed, ROTF, NONE, -1, 0, '烂成 烂得 烂到'),
  fixed(TAS, -1, '是面的 很面 太面 面面的 发面 没有香味 没香味 不香'),
  fixed(MIS, -1, `短斤缺两 缺斤少量 严重不符 完全不符 与实际不符 不相符 不符合描述 图文不符 只收到 只发了
    只来了 少发了`),
  fixed(USE, -1, `干枯 出油 很油 好油 爱出油 变油 梳不开 梳不顺 不好梳 难梳 掉得厉害 掉的厉害 掉很多 掉好多 装不了
    插不了 装不上 插不进 回音 杂音 电流声 沙沙声`),
  cue(USE, 'Wi-Fi wi-fi 4G 5G NFC nfc 指纹识别 红外遥控', 0, MISSING),
  fixed(PRI, -1, '减价 就减价 价降 价格降 降了价'),
  cue(SER, '联系 回电 回电话 通知', 0, MISSING),
  block(`可贵 珍贵 宝贵 贵在 贵贱 富贵 贵族 贵州 高贵 贵宾 贵人 琐碎 零碎 心碎 碎片 细碎 粉碎 泄漏天机 走漏 漏掉 心脏
    肮脏 内脏 突破 打破 破产 破案 破绽 看破 识破 破例 破天荒 吃亏是福 伤害 受伤 伤感 悲伤 没几天 没多久 没几次
    没洗几次 没穿几次 没戴几次 没过几天 没两天 没一个月 没半年 没一年 没一会 没过多久 没多长时间 没几个月`),
  cue(SMELL, '香味 味道 气味', 0, MISSING),
  cue(USE, '效果', 0, MISSING),

  fixed(QUA, 1, '大小均匀 大小一致 个头均匀 均匀 个头大小均匀'),
  cue(PRI, '差价'),
  hypo(`甜不甜 好不好 贵不贵 新不新鲜 好不好用 好吃不好吃 行不行 合不合适 值不值 准不准 快不快 能不能用 耐不耐用
    会不会坏`),
  fixed(QUA, -1, '是否正品 是不是真的 是否是正品 是真是假 真假难辨 不知真假'),
  neg('感觉不到 感受不到 觉不到 看不出 闻不到 没感觉到 没发现'),

  fixed(PRI, -1, '别家更便宜 别家便宜 外面更便宜 超市更便宜 实体店更便宜 别人家便宜 别的店便宜 别家还便宜 其他店便宜'),
  fixed(USE, -1, '就没电 没电了 掉电快 电不够用'),
  sent(1, '明显'),

  fixed(SER, -1, '没到账 未到账 还没到账 不到账 钱没退 也不管 都不管 不管不问 不给补差价 不给补 拒绝补差价'),
  fixed(DAM, -1, '折了 折痕 折角 卷边 压痕 压出'),
  fixed(TAS, -1, '硬的 硬邦邦 还是硬'),
  block('安装好 装好了 安装完 装好后 安好了'),
  fixed(USE, -1, '很干 太干 好干 发干 变干 干巴巴'),
  fixed(USE, 1, '掉发少 掉发减少 不掉发 头屑少 头屑减少 头屑没了 不痒了'),

  fixed(TAS, 1, '很纯 纯正 正宗 醇正 奶味纯 味道纯 奶香浓'),
  sent(-1, '太多 过多'),
  fixed(USE, -1, '有点重 偏重 比较重 挺重 有点沉 太沉'),
  fixed(USE, 1, '很顺 好梳 易梳 顺顺的'),
  fixed(USE, -1, '更油 油了 油得快'),
  group(K.Fixed, ROT, NONE, -1, 0, '发黑 变黑 黑斑'),
  fixed(SER, 1, '给换了 给退了 同意退货 同意换货 退款很快 换货很快 很快退款 爽快 很快就换 很快就退'),
  fixed(USE, 1, '舒服 舒适 透气 保暖 暖和 柔顺 好用 很好用 挺好用', NONE, ADJ),
  fixed(USE, -1, '不舒服 闷 闷热 不透气 难用 不好用', NONE, ADJ),
  neg('不见 未见'),
  block('不见得 看不见 听不见'),
  block('一分钱一分货 很薄 赠品没有问题 赠品没问题 少了一点 少了一些 少了点 大瓶 小瓶 小盒 大盒 小袋 大袋 飞一般 无法给出评价 无法评价 暂时无法评价'),
  hypo('怕 还怕 就怕'),
  sent(-1, '谈不上 根本谈不上 得不到保证 没保证 没有保证 不能保证 堪忧 令人担忧 消极 冷漠 不作为 差到 差到极点 差到家'),
  fixed(DAM, -1, '没有包装 连个包装都没有 包装都没有 没包装 连包装都没有 冻苹果 冻成了'),
  cue(DAM, '打包', 0, NOPOS),
  fixed(QUA, -1, '掺了水 和水一样 水分太重 勾兑 假裤子 太假了 买到假货 假火龙果 不是正宗 头皮发炎 皮肤发炎 农药味 浓药味 虫洞 线条到处 线条漏 底线 粘毛 掉绒 绒掉 吊牌没有 冻开 果品太差 品质太差'),
  fixed(USE, -1, '刺肉 扎肉 跟没洗一样 和没洗一样 洗了跟没洗 没沫 用了等于没用 等于没用 洗不干净 有回声 声音小'),
  fixed(SIZ, -1, '腰太低 腰太高 裆太低 裆太浅 像裙子 以为是裙子 跟裙子一样 尺码缩水'),
  fixed(SER, -1, '不及时处理 投诉无果 推得干干净净 没人给我个回复 没人回复 联系不上人 不回信息 黑号 封号 鼓捣我写 催好评 逼我好评 没人理 还没人理'),
  fixed(TAS, -1, '坏心 坏心儿 心是黑的 黑心的 烂心 脱水 很面'),
  fixed(DAM, -1, '包装随意 包装太随意 坏了个口 大洞'),
  fixed(PRI, -1, '没有满减'),
  fixed(QUA, -1, '是不是正品 是正品吗 不是正品吧 大写的假 兑水 兑了水 掺水 怀疑真假 要怀疑真假 是假的吧 假的吧 像假的 化纤 起静电 很次 太次了 质量看图 质量就那样 质量不敢恭维 质量堪忧 开不开机 有缺陷 都有缺陷 进灰 易进灰 容易进灰 进灰尘 缝隙大 暗点 返修机 机死 声音都没了 没声音了 无服务 刮碟'),
  cue(QUA, '手机 平板 电脑 本本 笔记本 热水器', 0, NOPOS),
  fixed(QUA, -1, '爆裂 崩线 垃圾裤 垃圾衣服 垃圾鞋 垃圾货'),
  fixed(PRI, -1, '涨到 上涨 涨了价 不值得 太不值 一点都不值'),
  fixed(QUA, -1, '伤害皮肤 皮肤带来伤害 啦肚子 胃不舒服 太多的问题 很多问题 好多问题 问题太多 问题好多'),
  fixed(SER, -1, '高冷 推脱 一直没人答 没人答 没信了 死硬 不承认 保价不通过 价保不通过 价格保护不通过 不在保价范围'),
  fixed(QUA, -1, '抽丝 旧裤子 跟旧的似的 涂了蜡 涂了腊 滥竽充数 划坏'),
  fixed(DAM, -1, '被拆开 被撕开 拆开过 被打开过 掉纸屑'),
  fixed(LOG, -1, '叫我自提 让我自提 要我自提 自己去邮局 去邮局取 地址发错 发错地址 往后推迟'),
  fixed(PRI, -1, '值不了 不值这个价钱'),
  fixed(SIZ, -1, '不修身 不是很修身 不是修身 码字不对 老头衫'),
  fixed(SER, -1, '返修麻烦 售后麻烦 退换麻烦 退货麻烦 换货麻烦 装死 不在线 不回话 不回消息 退不了 换不了 退不掉 无法退货 不给退货'),
  fixed(TAS, -1, '没有苹果味 没有苹果的味 没苹果味 没有奶味 没奶味 没有果味 没有橙子味'),
  cue(USE, '携带 拿着'),
  fixed(QUA, -1, '毛病一大堆 一堆毛病 毛病不少 一身毛病 问题一大堆 一堆问题 问题不少 问题很多 毛病很多'),
  // the product named by its kind: a complaint about it is one about its quality (衣服太次)
  cue(QUA, '衣服 裤子 裙子 鞋子 外套 上衣', 0, NOPOS),
  // couriers by name: service words said of them are logistics (顺丰态度差)
  cue(LOG, '顺丰 圆通 申通 中通 韵达 百世 汇通 EMS 邮政 德邦 极兔 宅急送 京东快递 京东物流 天天快递 优速 安能 丰巢 菜鸟驿站', 0, COURIER),
]);

// ---------------------------------------------------------------- clauses

/** Characters that close a clause. 、, colons and quotes stay inside one: 质量、做工都很好; 物流：很快; 没有传说中的“断网”问题. */
export const BOUNDARY_CHARS = '，。！？；,.!?;~～…\n\r\t 　|()（）【】[]<>#*';
/** Degree adverbs that may start a lexicon word (很卡, 太贵) or just precede one (很热情, 好慢). */
export const DEGREE_START_CHARS = '很太超挺真特蛮好';
/** Joining words between two cues: 质量和做工都很好, 屏幕、电池都不错: the first cue borrows. */
export const JOIN_CHARS = '和与及跟、也都还有以';
/** Negators that say a thing is absent (没有蓝牙), not that it is not so. */
export const ABSENCE_WORDS: readonly string[] = Object.freeze(['没', '没有', '无', '木有', '还没有', '不见', '未见']);
/** Magnitude words that, with no cue before them, are a device's slowness (usage). */
export const SLOW_WORDS: readonly string[] = Object.freeze(['慢', '很慢', '龟速', '缓慢']);

// ---------------------------------------------------------------- product context
export const CLOTH_RE = /衣|裤|裙|鞋|袜|穿|码|袖|领口|腰|外套|T恤|t恤|羽绒|面料|布料|料子|衬衫|帽|靴|内衣|文胸|西装|夹克|大衣|针织|开衫|背心|马甲/;
export const FOOD_RE = /吃|喝|奶|水果|果肉|果子|口感|水分|新鲜|橙|桔|橘|梨|桃|草莓|蓝莓|瓜|香蕉|枣|荔枝|芒果|柚|柑|猕猴桃|樱桃|葡萄|火龙果|零食|饮料|萍果|苹果(?!手机|电脑|平板|笔记本|系统|的系统)/;
export const FRUIT_RE = /水果|果肉|果子|个头|橙|桔|橘|梨|桃|草莓|蓝莓|瓜|香蕉|枣|荔枝|芒果|柚|柑|猕猴桃|樱桃|葡萄|火龙果|萍果|苹果(?!手机|电脑|平板|笔记本|系统|的系统)/;
export const DEVICE_RE = /热水器|电脑|机器|机子|本本|本子|笔记本|系统|开机|CPU|cpu|处理器|内存|硬盘|平板|手机|网速|软件|游戏|屏|显卡|驱动|电池|充电|上网|下载|网络/;
export const COURIER_RE = /快递|物流|送货|配送|派送|送到|送上|顺丰/;
export const SELLER_RE = /退|客服|售后|卖家|店家|商家|掌柜|店主|老板|换货|安装|维修|师傅|店铺|本店|小二|商城/;

/**
 * The service words that are about the shop even in a book's review; a book's other 老板, 态度 or 处理 are
 * what it tells of (搪塞孩子, 处理问题), no service of the seller's.
 */
export const BOOK_SERVICE_WORDS: ReadonlySet<string> = new Set(`客服 售后 卖家 商家 店家 掌柜 店主 退货 退款 退换 换货 退换货 退钱 退差价 补发
  补寄 赔偿 发票 收据 售后服务 服务态度 客户服务 人工服务`.split(/\s+/));

/** 货不对板 told as claim and reality: 写的是六芯，收到的却是三芯; 说是新款，结果是旧款. */
export const CLAIM_VS_REALITY_RE = /(?:写是|明明是|介绍明明|自称|宣传单上|宣传单|看的是|买的是|订的是|拍的是|选的是|要的是|下单的是|下的是|订购的是|说明是|说明上是|说明书上说|说明书上写|图片上是|图上是|图片是|照片上是|宣传说|广告说|写着|写的是|标着|标的是|标明|号称|宣称|声称|说是|宣传的?是|介绍说|描述说|页面上|详情页|明明说|说好的?是?)[^。！？!?]{0,24}?(?:实际上?|其实|结果|却是|变成|可是|到手才发现|才发现|收到的|发来的|送来的|寄来的|到手的?是|只有|最多只有|才有)/;

export const BOOK_RE = /这本书|此书|本书|这套书|套书|图书|书籍|作者|读者|阅读|小说|读完|看完这|这书/;

// ---------------------------------------------------------------- rules by meaning
// Patterns over a whole review for the kinds of complaint that are told in a sentence rather than named
// by a word: a parcel still not there after some days (no logistics word needed), a promise set against
// what came (说的三个，结果只有两个; 没有宣传的那样), parts or gifts missing from the box, fees on top of
// the price, a refund not returned. Each is a shape of sentence, written from the kinds ASPECTS.md and
// the labelling rules name, not from particular reviews.

/** A span of time told in any of the ways buyers write it: 3天, 两个星期, 半个月, 十多天. */
const SPAN = String.raw`(?:[0-9]+(?:\s*[-~～到至]\s*[0-9]+)?|[一二两俩三四五六七八九十几半多]+)\s*(?:多|来)?\s*(?:个)?\s*(?:天|日|星期|礼拜|周|月|工作日)`;
/** Accessories and gifts that come in the box, whose absence is 货不对板 (ASPECTS.md: missing parts or gifts). */
const GIFT = String.raw`(?:皮带|驱动盘|系统盘|系统光盘|驱动光盘|电脑包|笔记本包|乐视会员|爱奇艺会员|视频会员|会员|吹风机|电吹风|电风吹|吹风|腰带|平板套|礼包|VIP卡|会员卡|阅读卡|购物小票|小票|耳线|耳塞|充电线|赠品|礼品|小礼物|礼物|小样|试用装|皮套|保护套|保护壳|手机壳|贴膜|保护膜|钢化膜|屏幕膜|膜|鼠标垫|鼠标|光盘|电脑包|背包|包鼠|适配器|耳机(?![孔口插])|充电器|充电头|数据线|电源线|配件|附件|螺丝(?!刀)|支架|挂架|挂钩|保修卡|手提袋|礼盒|花洒|莲蓬头|遥控器|说明书)`;
/** What a buyer sets the goods against: the shop's pictures and words. */
const CLAIMED = String.raw`图片|图上|图中|配图|主图|宣传图|效果图|模特图|图|照片|描述|介绍|宣传|详情页?|广告|页面|网站|网上|官网|说明|卖家说的|客服说的|店家说的|商家说的|视频`;
const FEE = String.raw`(?:安装费|材料费|上门费|人工费|配件费|辅材费|调试费|手续费|打孔费|开孔费)`;
const SHIP_FEE = String.raw`(?:运费|邮费|快递费|配送费|上楼费|搬运费)`;

/** One rule: where `re` matches, the review complains (p -1) or praises (p 1) about aspect `a`. */
export interface MeaningRule {
  readonly re: RegExp;
  readonly a: number;
  readonly p: number;
  /** Not in a review of a book, whose 介绍/描述 are its content. */
  readonly notBooks?: boolean;
  /** Only for this kind of product (../aspects.ts reads it from the review and the item's title). */
  readonly only?: 'fruit' | 'device' | 'cloth' | 'book';
  /** An aspect the words were wrongly read as, cleared where the rule matches (后盖太松 is no size). */
  readonly clears?: number;
}

const rule = (a: number, p: number, re: string, notBooks = false, more: Pick<MeaningRule, 'only' | 'clears'> = {}): MeaningRule =>
  Object.freeze({ re: new RegExp(re), a, p, notBooks, ...more });

export const MEANING_RULES: readonly MeaningRule[] = Object.freeze([
  // 物流: still not there, or only sent, after a span of time (都俩星期了…还没见到, 5天才给我发货)
  rule(LOG, -1, String.raw`${SPAN}(?!的?时间都)\s*(?:了|多了|过去了|过去)?[^。！？!?]{0,14}?(?:还没|还未|仍未|仍没|都没|也没|尚未|没|未)(?:有)?(?:收到|见到|到货|到(?![底时账手])|发货|发出|寄出|送到|送来|送过来|动静|消息|影子|揽收|更新)`),
  rule(LOG, -1, String.raw`${SPAN}\s*(?:后|之后|以后)?才(?:给我|给)?(?:发货|发出|寄出|到货|到(?![底手])|收到|送到|送来|送过来|拿到|发(?![现觉]))`),
  rule(LOG, -1, String.raw`等了\s*(?:将近|快|整整|足足|差不多|好)?\s*${SPAN}|(?:拖|耽误)了\s*${SPAN}|下单(?:之后|后|到到手|到收到|到收货)[^。！？!?，,]{0,4}?(?:用了)?\s*(?:将近|整整|足足)?\s*${SPAN}|寄错地址|送错地址|替我签收|还说送到了|显示已签收|没收到短信|电话都不打|电话也不打|(?:是|才)过几天(?:才)?发的`),
  rule(LOG, -1, String.raw`(?:不是说|说好的?|说是|承诺)(?:的)?[^。！？!?]{0,6}(?:送货上门|送上门|送到家|上门|包邮|次日达|当日达|[0-9一二两三]天(?:内)?(?:到|送达|发货))`),
  // 物流: delivery charged on top (加了6元运费); ASPECTS.md puts an extra delivery charge under logistics
  rule(LOG, -1, String.raw`(?:加了|另收|加收|多收|另付|补了?|还要|还得|又要|要收|收了|付了)\s*(?:[0-9]+\s*(?:元|块)?(?:钱)?\s*的?)?${SHIP_FEE}|${SHIP_FEE}(?:还要|要|另付|另算|另收)?\s*[0-9]+\s*(?:元|块)|(?:送货|送|上楼|搬上楼|送上楼)(?:还|又)?(?:要|收)(?:钱|费|[0-9]+)`),
  // 价格: fees on top of the price (付了190的安装费; ASPECTS.md: installation fees are price)
  rule(PRI, -1, String.raw`(?:付了?|交了?|收了?|加了?|另收|加收|多收|还要|又要|要收|收取|额外|还得)\s*(?:[0-9]+\s*(?:元|块)?(?:钱)?\s*的?)?${FEE}|${FEE}(?:要|收|就要|竟然|居然)?\s*[0-9]+|${FEE}(?:太贵|很贵|好贵|贵|不便宜|太高|好高|很高|坑)`),
  // 价格: the price difference refused after it fell (差价不补, 不退差价); value-for-money is price
  rule(PRI, -1, String.raw`差价(?:不补|不退|也不补|也不退|不给|没补|没退)|(?:不补|不退|没有?退|没有?补|不给补|不给退)差价|(?:刚|才)(?:买|收到|到手|下单)[^。！？!?]{0,6}就降`),
  // 货不对板: a promise against what came
  rule(MIS, -1, String.raw`(?:说的?是?|写的?是?|标的?是?|宣传的?是?|介绍的?是?|承诺的?是?|号称|宣称|声称|标称|显示)[^。！？!?]{0,10}?(?:[0-9]+|[一二两三四五六七八九十几]+)\s*(?:个|斤|件|瓶|袋|盒|片|支|只|克|g|ml|毫升|公斤|小时|张|套|包|双)[^。！？!?]{0,18}?(?:只有|只剩|只来|只收到|才|实际|却|结果)`, true),
  rule(MIS, -1, String.raw`(?:宣称|宣传|号称|介绍|描述|说明|标称|承诺|广告|详情)[^。！？!?]{0,20}?(?:相差甚远|相差很远|相差太远|相差很大|相差太大|差很多|差太多|差得远|差远了|差距很大|差距太大|不符|不相符)`, true),
  rule(MIS, -1, String.raw`(?:并没有?|没有?|并不|不像|达不到|没达到|远没有|根本没有?)(?:像)?(?:他们|商家|卖家|店家|广告|页面|网上|详情)?(?:所)?(?:宣传|宣称|描述|介绍|说|承诺|标榜|吹)的?(?:那样|那么|那般|一样)`, true),
  rule(MIS, -1, String.raw`(?:详情|介绍|说明书|宣传|描述|页面|广告|商品页|图片)(?:上|中|里|页)?(?:写|说|显示|标|介绍|承诺)(?:的|着|有|了|是)?[^。！？!?]{0,30}?(?:可是?(?=[^以能])|但是?|却|实际上?|结果|根本)`, true),
  rule(MIS, -1, String.raw`所谓(?:的)?[^。！？!?]{1,10}?[，,]?[^。！？!?]{0,10}?(?:只有|才有|最大的?只有|也就|不过是|还不如|不如)`, true),
  rule(MIS, -1, String.raw`(?:发的|寄的|送的|收到的|发来的|寄来的|给的|到的)是?[^。！？!?，,]{0,6}?(?:[0-9]{2,4}年的?|旧款|老款|旧版|老版|去年的|旧包装|老包装)`),
  rule(MIS, -1, String.raw`(?:颜色|色号|款式|型号|规格|图案|版本|花色)(?:也|还|都|完全|根本|明显)?(?:不对|不一样|不符|发错|错了)`),
  rule(MIS, -1, String.raw`掉包|调包|被换了|偷梁换柱|以次充好|(?:实际|其实)(?:上)?(?:只|才)(?:有|送|赠|给|发)`),
  // 货不对板: set against the picture or the description (跟图片不一样, 比图片上的小, 没有图上的好看)
  rule(MIS, -1, String.raw`(?:跟|和|与|同|对比)(?:${CLAIMED})(?:上|中|里)?(?:的|说的|写的|展示的)?[^。！？!?，,]{0,6}?(?:不一样|不符|不同|不一致|不像|差(?:很多|太多|太远|得太远|别很大|距很大|距太大|得远|远了)|相差|有出入|出入很大|区别很大|两回事)`, true),
  rule(MIS, -1, String.raw`比(?:${CLAIMED})(?:上|中|里)?(?:的|说的|写的|展示的)?(?:要)?(?:小|短|薄|深|浅|暗|淡|差|少|难看|丑)`, true),
  rule(MIS, -1, String.raw`(?:没有|没|不如|比不上)(?:${CLAIMED})(?:上|中|里)?(?:的|说的|写的|展示的|那样|那么)`, true),
  rule(MIS, -1, String.raw`明明(?:买|订|拍|选|要|写|说|标)的?(?:是|着)|不是[^。！？!?，,]{1,8}又说是|标(?:的|注的|明的|注|示的)?(?:不对|有误|错了|错误|不符)`),
  // 货不对板: not what was chosen or shown (买了两条不同的，竟然发一样的; 颜色拿错; 给图上两回事; 实物没这么有型)
  rule(MIS, -1, String.raw`(?:买|要|拍|选|订)(?:了)?[^。！？!?，,]{0,10}?(?:不同|两种|几种|两个颜色|不一样)[^。！？!?]{0,16}?(?:发|给|寄|送|收到)[^。！？!?，,]{0,6}?(?:一样|同一|同个|同样|相同)`),
  rule(MIS, -1, String.raw`颜色[^。！？!?，,]{0,8}?(?:不对|不一样|不符|错了|相差|差别|区别|不同|不太相同|变了|变成|搞错|拿错|送错|发错|搞差)`),
  rule(MIS, -1, String.raw`(?:${CLAIMED}|想的|想象的)(?:上|中|里)?[^。！？!?，,]{0,6}?(?:不一样|不相同|大不相同|两回事|不符|有区别|差别很大|一个天一个地|天壤之别|天差地别|差得远)|(?:跟|和|与|给)(?:${CLAIMED})(?:上|中|里)?(?:的)?(?:两回事|大不相同|差太多|不怎么样)|实物(?:没|没有|不如)|选的跟(?:送|发|寄)(?:来)?的不一样|(?:还|也|根本|都)?不是我(?:当时|之前)?(?:拍|买|选|订|要)的|于产品不符`, true),
  // 质量: not like the same goods bought elsewhere or before: a suspected fake (和超市买的不一样; ASPECTS.md: quality)
  rule(QUA, -1, String.raw`(?:跟|和|与|比)(?:在)?(?:超市|实体店|专柜|商场|店里|屈臣氏|之前|以前|上次|平时|原来)[^。！？!?，,]{0,8}?(?:不一样|不同|差(?:很多|多了|远了))`),
  // 货不对板: a gift shown or promised and not sent (明明图片有显示送吹风机，结果发来没有; 什么都没送; 不赠膜)
  rule(MIS, -1, String.raw`(?:说|写|显示|明明|宣传|页面|活动|图片|标着|承诺)[^。！？!?]{0,12}?(?:送|赠)[^。！？!?]{0,24}?(?:没有|没送|没给|不见|没收到|却没|没了|缺货|不送)|什么都(?:没|不)(?:送|给|赠)|(?:不|没)(?:赠|配赠|附赠)(?!品)|只送了?|赠品(?:别|又|也)?忘|忘(?:了)?(?:拿|放|发|给)?赠品|说好的[^。！？!?到发送达运寄次]{0,12}?(?:呢|结果|却)|明明[^。！？!?]{1,8}还说`),
  // 货不对板: less than stated (重量标1.1kg结果只有0.86, 连一斤都没有, 少了五分之一, 只给五六斤)
  rule(MIS, -1, String.raw`(?:标|写|说|号称|宣传)[^。！？!?]{0,8}?[0-9.]+\s*(?:kg|KG|公斤|斤|克|g|两)[^。！？!?]{0,10}?(?:只有|才|不到|结果)|连一斤都没有|不够一斤|不到一斤|有\s*[0-9]+\s*克一个\s*[？?]|少了[一二三四五六七八九十几]分之[一二三四五六七八九十]|只给(?:了)?[一二三四五六七八九十几]+斤|缺斤短两`),
  // 货不对板: another item, colour, size or style sent than the one ordered (我要的28码你给我发32码的; 买的火龙果发过来却是奇异果)
  rule(MIS, -1, String.raw`(?:要的|买的|订的|拍的|选的|购买的|下的单|下单的|买)(?:是)?[^。！？!?]{1,12}?(?:结果|却|你|店家|商家|卖家|为什么|怎么)?[^。！？!?，,]{0,6}?(?:给我)?(?:发|寄|邮|送)(?:了|来|过来|个|成|的是)[^。！？!?，,]{0,8}?(?:色|码|号|款|的|果|裤子|衣服)|不是[^。！？!?，,]{1,6}(?:吗|么)[^。！？!?]{0,6}?(?:怎么|咋)(?:成|变成|是|变)|码数(?:搞错|发错|错了)|(?:发|寄)错码|尺码发错|(?:寄|发)来了?另外的|用过的发给我|返现(?:都)?没有|没有返现`),
  // 货不对板: the shop's own claim questioned (这是大果么？这幺小; 还叫70的; 上面写有多大多大，其实很小; 不是说是金属机身吗)
  rule(MIS, -1, String.raw`这是(?:大果|中果|小果|红心|红富士|[^。！？!?，,]{1,3}色|[0-9]{2,3})(?:吗|么)|(?:还叫|说是|号称|冠以)\s*[0-9]{2,3}\s*(?:号|mm)?(?:的|果)|上面(?:写|说)(?:的|有|着)?[^。！？!?]{0,12}?(?:其实|结果|却|没有|我买回来)|不是说(?:是)?(?![^。！？!?，,]{0,8}(?:送|到|发货|上门|包邮|快递))[^。！？!?，,]{1,10}(?:吗|么)|(?:和|跟)(?:网上|图片|描述)的?差距(?:很|太|那么|这么)?大`, true),
  // 货不对板: a stated size or weight not reached (果径根本没有75mm, 说是80mm…小的很, 这果子有75吗)
  rule(MIS, -1, String.raw`(?:没有|不到|达不到|没达到|哪有|哪里有|根本没有?)\s*[0-9]{2,4}\s*(?:mm|MM|毫米|公分|cm|厘米|克|g|ml|毫升)|(?:根本没有?|达不到|没达到|远没有)\s*[0-9]{2,4}\s*(?:个)?小时|有\s*[0-9]{2,3}\s*(?:mm|MM|毫米|公分|cm|厘米)?\s*(?:吗|么|\?|？)|(?:说是|写的?|标的?|号称|宣传)\s*[0-9]{2,3}\s*(?:mm|MM|毫米|公分|cm|厘米)[^。！？!?]{0,14}?(?:小|没有|不到)`),
  rule(MIS, -1, String.raw`说[^。！？!?，,]{0,6}?(?:有|送|赠)[^。！？!?]{0,14}?(?:什么都没有|都没有|没有|没收到|没看到|没见到|不见)`),
  rule(MIS, -1, String.raw`乱发货|发错货|不是一个品种|掺(?:了)?其他|商品不符|与商品不符|给我\s*[0-9]{2,3}\s*(?:的|码)|不是(?:纯棉|全棉|真皮|纯羊毛)|居然没(?:有)?(?:扣子|拉链|标签|吊牌)|(?:每瓶|瓶子)?都不满|装不满|没装满|理想与现实|卖家图[^。！？!?，,]{0,3}?(?:差别|差距|相差)|发(?:了)?(?:同一样|同一种|一样)的(?:颜色|款)`),
  rule(MIS, -1, String.raw`颜色(?:偏|有点|太|明显)(?:深|浅|暗|亮|黄|红|淡|灰|白|黑)|卖家秀[^。！？!?]{0,8}?(?:差|不一样|区别|两回事)`),
  // 货不对板: fewer than bought or than said (买了5斤只有4斤, 少了两个, 缺了一根)
  rule(MIS, -1, String.raw`(?:少了?|缺了?|差了)(?:[0-9]+|[一二两三四五六七八九十几]+)\s*(?:个|件|瓶|袋|盒|根|只|支|片|包|斤|颗|双|套|本|箱|块|张|条|粒)`),
  rule(MIS, -1, String.raw`(?:买|拍|订|下单|要)了?\s*(?:[0-9]+|[一二两三四五六七八九十]+)\s*(?:个|件|瓶|袋|盒|斤|箱|包|套|双|份|支)[^。！？!?]{0,12}?(?:只有|只收到|只发了?|只来了?|只给了?|才有|才收到|才发了?|少了?|少发)`),
  rule(MIS, -1, String.raw`货不对|(?:发|寄|送)的(?:东西)?(?:不对|不是我)|发成了|(?:都|竟然|却|居然|全)发(?:了|给我)?(?:同一种|一样的|同样的|同一个|同一款|同色|一个颜色)`),
  rule(MIS, -1, String.raw`(?:${CLAIMED})(?:上|里|中)?(?:看|看着|看起来|显示)[^。！？!?]{0,10}?(?:结果|却|实际|收到|到手|发来)`, true),
  // 货不对板: parts or gifts missing (保护膜都不送, 盒子里没有膜, 没有送皮套)
  rule(MIS, -1, String.raw`(?:不送|没送|没有送|没给|不给|没附|没有附|没配|没有配|不配|不带|没带|没有带|缺|缺少|少了?|少个|没有|没|无|木有)(?:个|一个|任何|原装|配套)?(?:附赠|赠送|送|附带|配|配送)?(?:的)?${GIFT}`),
  rule(MIS, -1, String.raw`${GIFT}[^。！？!?]{0,8}?(?:什么都没有|什么也没有|都没有|也没有|没有(?![问毛破坏损])|没送|不送|没给|不给|没收到|没见到|都没|也没|不见了|没了|在哪|没配|都没配)`),
  rule(MIS, -1, String.raw`连(?:个|一个|一张|一条)?(?!包装)[^。！？!?，,]{1,6}都(?:没有|不送|不给|不舍得送|没配|不配)`),
  // 物流: late, or long to wait (晚了三天, 第六天才能自提, 等货的时间有点长)
  rule(LOG, -1, String.raw`(?<!自己)(?:晚|迟|慢|推迟|延迟)了\s*${SPAN}|第\s*(?:[0-9]+|[一二两三四五六七八九十]+)\s*(?:天|日)才|(?:送货|等货|到货|配送|发货|物流|快递|运输)(?:的)?(?:时间|周期)(?:太|有点|很|比较|特别|实在)?(?:长|久|慢)`),
  rule(LOG, -1, String.raw`走了\s*${SPAN}|${SPAN}[^。！？!?]{0,6}?(?:还不见|都不见|不见)(?:东西|货|快递|包裹|踪影|动静)?|到现在(?:还|都|也)?(?:没|未)(?:有)?(?:收到|到货|发货|送到)|(?:叫|让|要)我(?:自己)?(?:去|到)[^。！？!?]{0,8}?(?:拿|取)(?:货|件|快递)|(?:一星|差评|1星|一颗星|一分)(?:是)?给(?:京东)?(?:物流|快递)`),
  // 质量: a physical book's faults (少了好几十页, 字太小)
  rule(QUA, -1, String.raw`少了?(?:好)?(?:几十|几|[0-9一二两三四五六七八九十]+)页|字(?:体)?(?:太|有点|偏|很|实在)小`, false, { only: 'book' }),
  // 破损: the contents lost on the way (都快洒没了, 直接半瓶没了)
  rule(DAM, -1, String.raw`(?:洒|撒|漏|流)(?:得|的)?(?:没了|光了|一半|半瓶|一地|一箱)|半瓶(?:都)?没了|只剩半瓶|漏了一半`),
  // 价格: the price fell, or a sale came, right after buying (买了第二天做活动); the price went up
  rule(PRI, -1, String.raw`(?:买|收到|下单|到手)(?:了|完)?(?:的)?(?:第二天|第三天|隔天|没几天|没两天|两天|几天|一周|一个星期)(?:后|就|又)?(?:就)?(?:做活动|搞活动|降价|打折|便宜|优惠|有赠品|送)|(?:刚|才)(?:买|到货|收到|下单|到手)[^。！？!?]{0,8}?就(?:降|送|有赠品|打折|便宜|做活动|搞活动)|涨(?:到|了|价到)\s*(?:[0-9]+|[一二两三四五六七八九十])`),
  // 质量: parts that sit loose on a device (后盖太松); not a fit
  rule(QUA, -1, String.raw`(?:后盖|后壳|外壳|电池盖|盖子|按键|螺丝|屏幕|键盘|接口)(?:有点|太|很|比较|特别|明显)?(?:松|晃|松动|晃动|下陷|塌陷)`, false, { clears: SIZ }),
  // 质量: small fruit (苹果不大, 个头不大, 非常小); ASPECTS.md puts small fruit under quality
  rule(QUA, -1, String.raw`(?:个头|个儿|个子|果子|果|苹果|橙子|桔子|橘子)(?:都|也|有点|比较|实在|太)?(?:不大|不够大|偏小|太小|很小|非常小|小的很|小得很|小了|小小的)|^(?:非常|特别|太|很)小|(?:这么|这幺|这样|那么)小的|(?:大小差挺多|大小不一)`, false, { only: 'fruit' }),
  // 质量: fruit that looks poor (歪歪扭扭, 卖相不好, 比超市特价苹果还丑)
  rule(QUA, -1, String.raw`歪歪扭扭|卖相(?:不好|差|一般)|难看|很丑|好丑|还丑|歪瓜裂枣|样子货|品质(?:还)?不(?:保证|好|行)|没一个好看`, false, { only: 'fruit' }),
  // 质量: a bright or dead pixel on a screen (有一个亮点; not 配置是它的亮点)
  rule(QUA, -1, String.raw`(?:有|发现|出现)(?:了)?(?:一个|一|个|两个|几个|一颗)?(?:亮点|坏点|暗点)(?!是)|(?:亮点|坏点)(?:在屏幕|靠边|很刺眼|刺眼)`, false, { only: 'device' }),
  // 质量: clothes too thin (有点薄, 又这么薄; a phone's 薄 is praise)
  rule(QUA, -1, String.raw`(?:有点|太|又这么|这么|特别|比较|偏)薄`, false, { only: 'cloth' }),
  // 客服: contacted again and again, or sent to do it themselves (跟店家沟通了前后七八次; 说让我自己去检测)
  rule(SER, -1, String.raw`沟通了[^。！？!?，,]{0,6}?(?:[0-9一二两三四五六七八九十几]+次)|让我自己去(?:检测|联系|处理)`),
  // 价格: worth only so much (五十块就值; 真的值129嘛)
  rule(PRI, -1, String.raw`(?:[0-9]+|[一二两三四五六七八九十百]+)\s*(?:块|元)(?:钱)?就值|值\s*(?:[0-9]+|\*)\s*(?:块|元)?(?:嘛)`),
  // 尺码: far too big or small (大的跟什么一样, 大了好多)
  rule(SIZ, -1, String.raw`(?:大|小|肥|长|短)(?:的|得)(?:跟什么一样|离谱|要命|没法穿)|(?:大|小|肥|瘦|长|短)了(?:好多|很多|一大截|一圈)`, false, { only: 'cloth' }),
  // 使用体验: hot water that runs cold (冲到后面就开始凉了)
  rule(USE, -1, String.raw`(?:就|开始|又|变|突然)(?:凉|冷)了|(?:水|热水)(?:不够|不太)(?:热|用)`),
  // 客服: not exchanged, not refunded, no invoice given (结果没有给我换, 为什么没给我发票)
  rule(SER, -1, String.raw`(?:没有?|不|拒绝)(?:给我|帮我|给)(?:换|退|补|开发票|发票|处理)|(?:没|不)给(?:我)?(?:开)?发票`),
  // 客服: what the shop's service said or did, told in a complaint (问客服居然说送完即止; 客服又联系不上; 追问售后半天)
  rule(SER, -1, String.raw`(?:想退|退货|退款|换货)[^。！？!?，,]{0,4}?(?:都)?没(?:退|换)成|退不成|(?:客服|售后|商家|卖家|店家|掌柜)[^。！？!?，,]{0,8}?(?:说|告诉我|解释|回复|答应|让我|要我)[^。！？!?]{0,30}?(?:居然|竟然|结果|却|就是不|不给|不能|推|踢|拖|敷衍|只会|一直|呵呵)|(?:客服|售后|商家|卖家|店家)[^。！？!?，,]{0,4}?(?:联系不上|找不到|不在线|不理|不回|没人)|(?:追问|催了|问了|找了)[^。！？!?，,]{0,4}?(?:客服|售后|商家|卖家)(?:半天|好几次|好多次|[0-9一二两三四五六七八九十几]+次|N次)|(?:退货|换货|退换|退款|换书|申请退|申请换)[^。！？!?，,]{0,6}?(?:麻烦|困难|费劲|折腾|遥遥无期)`),
  // 价格: not worth the money (真亏; 对不起这个价格; 也就值三块一斤; 还敢卖这么贵); a price fall soon after buying (买的时候139！没多久就99)
  rule(PRI, -1, String.raw`真亏|亏死|亏大了|对不起[^。！？!?，,]{0,6}?(?:价格|价钱|这个价)|(?:也就|只|最多)值|卖这么贵|卖那么贵|成本价?也就|几十块钱的地摊货|(?:买的时候|当时|之前)\s*[0-9]+[^。！？!?]{0,8}?(?:没多久|后来|现在|第二天|才几天|过几天)(?:就)?\s*[0-9]+`),
  // 物流: out of stock for days, later than promised, delivery charged or thrown about (缺货等了好几天; 写的是次日送到，还是等到了第三天)
  rule(LOG, -1, String.raw`缺货(?:了)?(?:好几天|[0-9一二两三四五六七八九十几]+天|很久|半个月)|缺货等了|等到了?第\s*[0-9一二三四五六七八九十]+\s*天|(?:写的是|说是|说好的?)(?:次日|当日|[一二两三]天)[^。！？!?]{0,14}?(?:还是|结果|却|才)|收不到货|摔来摔去|扔来扔去|发错快递|(?:多出|多付|多花)(?:了)?[0-9一二两三四五六七八九十几]*(?:次|笔)?运费|还收了我|发(?:货|贷)(?:超|太|特别|奇)慢`),
  // 口感: the taste it should have is missing (没有生姜味, 一点甜味都没有); an 异味 missing is no complaint
  rule(TAS, -1, String.raw`没有(?!异|怪|臭|霉|刺|药|化学|塑料|胶|什么|任何|气|刺激)[\u4e00-\u9fa5]{1,3}味|一点[\u4e00-\u9fa5]{1,3}味都?没有`),
  // 价格: not worth even that (50块钱都不值; 这个值*么); fees spent (安装费花了180)
  rule(PRI, -1, String.raw`(?:[0-9]+|\*)\s*(?:块钱?|元)?都不值|值\s*(?:[0-9]+|\*)\s*(?:块|元)?(?:么|吗)|${FEE}(?:花了|用了)\s*[0-9]+`),
  // 客服: a return that costs the buyer the postage (想退货还得付运费)
  rule(SER, -1, String.raw`退货(?:还|也)?(?:得|要)(?:自己)?(?:付|出)运费`),
  // 质量: fruit that is small by comparison (跟鸡蛋那样大, 越来越小, 迷你版)
  rule(QUA, -1, String.raw`鸡蛋(?:那样|那么|一样)?大|比鸡蛋大不了|越来越小|小三寸|迷你版|袖珍`, false, { only: 'fruit' }),
  // 客服: the money not returned (钱还没有退回来, 退款还没到)
  rule(SER, -1, String.raw`(?:钱|款|退款|货款)[^。！？!?]{0,6}?(?:还没|没有?|未|迟迟没|迟迟不)(?:有)?(?:退|到账|退回|返还|返回|打回)`),
]);

/** The kinds of product a title (the item's own name, 商品标题) shows; see contextOf in ../aspects.ts. */
export const TITLE_DEVICE_RE = /手机|电脑|笔记本|平板|iPad|ipad|iPhone|iphone|MacBook|显示器|耳机|音箱|相机|路由器|手表/;

/** A post about a brand rather than a review of a purchase: links, #topics#, 分享自, 转发 (ASPECTS.md: no aspect). */
export const POST_RE = /https?:|http:|t\.cn|#[^#\s]{1,20}#|分享自|转发|\/\/@|来自\s*http/;
/** Words of a purchase: a post that has them is a buyer's own story after all. */
export const PURCHASE_RE = /买|收到|到货|快递|物流|店家|卖家|客服|京东|淘宝|天猫|当当|网购/;
/** A named contamination or getting ill, which ASPECTS.md counts as quality even in a post. */
export const CONTAMINATION_RE = /毒|超标|致癌|不安全|篡改|三聚氰胺|拉肚子|啦肚子|腹泻|中毒|变质|过期|细菌|丑闻|违规|违法|被曝|曝光|添加/;
/** What a book review may call 货不对板: a book, disc or gift missing from the parcel, the wrong book sent. */
export const BOOK_MISMATCH_RE = /没有这本|少了?一本|缺了?一本|少发|漏发|光盘|赠送|送的|发错|寄错|不是我(?:要|买|订)的/;
