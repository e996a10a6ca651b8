// What a review's text says, pure: a lexicon and rules written here by hand (no third-party data), used
// on its own at cold start and as the prior of the shop's own learned model (./ngram-model.ts).
//
// How a text is read:
// - It is cut into clauses at punctuation. In each clause the longest dictionary word at each position
//   is taken (好评 before 好, 快递 before 快, 不错 before 不), so compounds that only look like a
//   sentiment word (好像, 只好, 快递, 内存卡) weigh nothing.
// - Negation (不/没/没有/并不/不太/毫无 …) flips the next sentiment word in the clause: 不好 is bad,
//   不贵 mildly good (a negated complaint is weaker praise than the praise word itself).
// - Degree words scale it (很, 非常, 太, 有点 dampens); 好 right before a bad word is a degree word
//   (好慢, 好难用), as is 太 before a good word.
// - Too much of a neutral property is a complaint: 有点大, 太薄, 偏小, 过于硬.
// - Contrast (但是, 可是, 不过, 就是, 可惜, 只是, 却): what follows counts more than what came before,
//   the way a reader takes "质量不错，就是物流太慢"; the clause of a concession (虽然) counts less.
// - Emoji and laughter are light cues; 呵呵 reads as a sneer, as it does on Chinese shopping sites.
// - The last clause, where buyers usually conclude, weighs a little more.

export interface LexiconReading {
  /** Sum of weighted cues: above zero praise, below zero complaint. */
  score: number;
  /** Cues found (positive and negative), for deciding when a text says nothing. */
  cues: number;
  pos: number;
  neg: number;
  /** Score of the last clause that said something, where buyers usually conclude. */
  last: number;
  /** A contrast (但是, 就是 …) turned the review somewhere. */
  turned: boolean;
}

// Word weights. Positive praises, negative complains. 0 blocks a shorter word inside a longer one.
const WORDS: Record<string, number> = {
  // general praise
  好: 1, 很好: 1.2, 好好: 0.8, 不错: 1.2, 挺不错: 1.3, 满意: 1.3, 喜欢: 1.2, 中意: 1, 爱了: 1.3, 爱不释手: 1.5, 可爱: 0.8,
  赞: 1.2, 点赞: 1.2, 棒: 1.3, 完美: 1.5, 满分: 1.5, 给力: 1.3, 靠谱: 1.2, 放心: 1, 安心: 0.8, 信赖: 1, 信任: 0.8,
  支持: 0.8, 回购: 1.2, 再来: 0.8, 还会再: 1.2, 还会买: 1.2, 会再买: 1.2, 下次还: 1, 继续支持: 1.3, 继续光顾: 1.3,
  物美价廉: 1.5, 价廉物美: 1.5, 质优价廉: 1.5, 惊喜: 1.2, 超出预期: 1.5, 超乎想象: 1.2, 出乎意料: 0.6, 物超所值: 1.5,
  相符: 0.8, 一致: 0.5, 正品: 1, 好评: 1.5, 五星: 1.2, 全五星: 1.5, 推荐: 1.2, 值得: 1.2, 值: 0.8, 超值: 1.3, 划算: 1.2,
  实惠: 1.1, 便宜: 0.7, 优惠: 0.5, 精美: 1.2, 精致: 1.2, 精细: 1, 漂亮: 1.2, 好看: 1.2, 美观: 1, 大方: 0.8, 高端: 0.8,
  大气: 0.8, 上档次: 1, 舒服: 1.2, 舒适: 1.2, 方便: 0.9, 实用: 1, 好用: 1.5, 耐用: 1, 结实: 1, 牢固: 1, 稳定: 0.8,
  顺利: 0.6, 及时: 0.8, 迅速: 1, 神速: 1.5, 快: 0.8, 很快: 1, 挺快: 1, 飞快: 1.2, 快捷: 1, 准时: 0.8, 周到: 1, 热情: 1,
  耐心: 1, 贴心: 1, 细心: 1, 用心: 1, 专业: 0.8, 负责: 0.8, 诚信: 1, 良心: 1, 厚道: 1, 感谢: 0.8, 谢谢: 0.8, 辛苦了: 0.8,
  开心: 1, 高兴: 1, 愉快: 1, 满足: 0.8, 幸福: 0.8, 感动: 1.1, 没问题: 1, 没毛病: 1.1, 无可挑剔: 1.5, 没得说: 1.3,
  没话说: 1.3, 没的说: 1.3, 不愧: 1, 名不虚传: 1.3, 物有所值: 1.3, 值得信赖: 1.5, 值得购买: 1.5, 值得一读: 1.5,
  还行: 0.3, 还可以: 0.5, 可以: 0.4, 还好: 0.3, 挺好: 1.2, 蛮好: 1.1, 优秀: 1.2, 出色: 1.2, 一流: 1.2, 优质: 1.1,
  到位: 0.8, 不赖: 1, 美: 0.6, 帅: 0.8, 酷: 0.6, 时尚: 0.8, 洋气: 1, 显瘦: 1, 合身: 1.2, 合适: 1, 合脚: 1.2, 正好: 0.5,
  柔软: 1, 软和: 0.8, 透气: 0.8, 暖和: 1, 保暖: 0.8, 厚实: 0.8, 挺括: 0.8, 百搭: 0.8, 有质感: 1,
  // food, fruit, drinks, cosmetics
  新鲜: 1.2, 好吃: 1.5, 美味: 1.3, 可口: 1.2, 香甜: 1.3, 甘甜: 1.2, 甜: 0.8, 脆: 0.7, 清脆: 1, 多汁: 1.1, 汁多: 1.1,
  水分足: 1.1, 水分多: 1, 个大: 0.8, 个头大: 0.8, 饱满: 1, 好喝: 1.5, 香浓: 1.1, 浓郁: 0.8, 醇: 0.8, 香醇: 1.1, 爽口: 1,
  口感好: 1.2, 营养: 0.3, 健康: 0.4, 好闻: 1.2, 清香: 1, 香: 0.6, 清爽: 1, 顺滑: 1.2, 柔顺: 1.2, 丝滑: 1.1, 去屑: 0.8,
  止痒: 0.8, 温和: 0.8, 滋润: 1, 保湿: 0.6,
  // devices
  流畅: 1.2, 顺畅: 1.1, 清晰: 1, 灵敏: 0.9, 快速: 0.8, 省电: 1, 续航长: 1, 续航好: 1.1, 高清: 0.8, 性价比高: 1.5,
  性价比很高: 1.5, 性价比超高: 1.5, 性价比不错: 1.4, 性价比挺高: 1.5, 性价比非常高: 1.5, 配置高: 0.8, 静音: 0.8,
  // books
  精彩: 1.5, 经典: 1, 受益: 1.2, 受益匪浅: 1.5, 收获: 1, 启发: 1, 深刻: 0.8, 深入浅出: 1.3, 通俗易懂: 1.2, 易懂: 1,
  生动: 1, 有趣: 1.2, 有意思: 1.2, 幽默: 1, 引人入胜: 1.5, 好书: 1.3, 感人: 1.1, 震撼: 1, 佩服: 1, 值得一看: 1.4,
  // general complaint
  差: -1.5, 很差: -1.8, 太差: -2, 垃圾: -2, 烂: -1.5, 坏: -1.2, 坏了: -1.5, 破: -0.8, 破损: -1.3, 破了: -1.3, 损坏: -1.3,
  问题: -0.6, 有问题: -1, 毛病: -0.8, 缺点: -0.5, 不足: -0.6, 瑕疵: -1, 失望: -1.5, 后悔: -1.5, 遗憾: -1, 可惜: -0.8,
  郁闷: -1.2, 生气: -1.2, 气愤: -1.5, 愤怒: -1.5, 无语: -1.2, 无奈: -1, 崩溃: -1.2, 难受: -1, 恶心: -1.5, 糟糕: -1.5,
  糟: -1, 坑: -1.2, 坑爹: -1.5, 坑人: -1.5, 忽悠: -1.5, 欺骗: -1.5, 骗子: -2, 骗人: -1.5, 骗: -1.2, 上当: -1.5, 受骗: -1.5,
  黑心: -1.5, 奸商: -2, 差评: -1.5, 中评: -0.8, 一星: -1, 投诉: -1.2, 退货: -1.1, 退款: -0.8, 退了: -1, 换货: -0.7,
  麻烦: -0.8, 难用: -1.5, 难看: -1.3, 丑: -1.3, 难吃: -1.5, 难喝: -1.5, 难闻: -1.5, 一般: -0.7, 一般般: -0.8, 普通: -0.3,
  凑合: -0.6, 将就: -0.7, 勉强: -0.7, 马马虎虎: -0.6, 不怎么样: -1.3, 不咋地: -1.3, 不咋样: -1.3, 不行: -1.2, 不值: -1.2,
  不符: -1.2, 不符合: -1.2, 不如: -0.8, 不如预期: -1.3, 不好意思: 0, 不敢: -0.6, 不爽: -1.2, 不舒服: -1.2, 别买: -1.5,
  千万别: -1.5, 不要买: -1.5, 不建议: -1.2, 慎买: -1.5, 慎重: -0.8, 再也不: -1.6, 不会再: -1.3, 以后不: -1, 不买了: -1.3,
  没用: -1.2, 无用: -1.2, 没效果: -1.3, 没什么效果: -1.3, 没啥效果: -1.3, 无效: -1.2, 不能用: -1.5, 用不了: -1.5,
  没法用: -1.5, 不好用: -1.5, 不管用: -1.3, 浪费: -1.2, 白买: -1.5, 亏: -1, 吃亏: -1.2, 假: -1.2, 假货: -2, 假的: -1.5,
  山寨: -1.5, 仿冒: -1.5, 盗版: -1.5, 冒牌: -1.5, 二手: -1.2, 翻新: -1.5, 旧的: -1, 残次: -1.5, 次品: -1.5, 劣质: -1.8,
  粗糙: -1.2, 敷衍: -1.2, 推卸: -1.3, 扯皮: -1.2, 不理: -1.2, 不理人: -1.3, 爱理不理: -1.5, 不回: -1, 态度恶劣: -1.8,
  恶劣: -1.5, 欺负: -1.2, 霸王: -1, 漏: -1, 漏水: -1.3, 漏液: -1.3, 碎: -1.2, 碎了: -1.5, 压坏: -1.3, 压扁: -1.2,
  变形: -1, 划痕: -1, 污渍: -1.2, 脏: -1.2, 发错: -1.3, 少发: -1.3, 漏发: -1.3, 错发: -1.3, 色差: -1, 贵: -0.8, 太贵: -1.3,
  偏贵: -1, 降价: -1, 差价: -0.8, 性价比低: -1.3, 性价比不高: -1.2, 性价比太低: -1.5, 不值这个价: -1.5,
  // logistics
  慢: -1, 慢死: -1.5, 延迟: -1, 延误: -1, 迟迟: -1, 丢件: -1.5, 丢了: -1, 才到: -0.7, 才发: -0.8, 还没到: -1, 还没收到: -1.2,
  没收到: -1.2, 收不到: -1.2, 没发货: -1.2, 不发货: -1.3,
  // clothes and shoes
  起球: -1.2, 掉色: -1.2, 褪色: -1.2, 染色: -1, 缩水: -1.2, 线头: -0.8, 开线: -1.2, 脱线: -1.2, 开胶: -1.2, 掉毛: -1.2,
  异味: -1.2, 味道大: -1, 味道很大: -1.1, 有味道: -0.8, 刺鼻: -1.2, 臭: -1.2, 磨脚: -1.2, 不合身: -1.2, 透: -0.4, 起皱: -0.8,
  // food, fruit, cosmetics
  不新鲜: -1.5, 变质: -1.5, 过期: -1.5, 发霉: -1.5, 霉: -1.3, 烂了: -1.5, 坏果: -1.5, 烂果: -1.5, 酸: -0.4, 涩: -0.8,
  苦: -0.7, 干瘪: -1.2, 蔫: -1.2, 个小: -0.8, 个头小: -0.8, 磕碰: -0.8, 碰伤: -1, 冻坏: -1.3, 没味: -1, 没味道: -1,
  寡淡: -1, 淡而无味: -1.2, 头痒: -1.2, 掉发: -1, 掉头发: -1, 脱发: -1, 干枯: -1, 毛躁: -0.8, 打结: -0.8, 过敏: -1.2,
  兑水: -1.5, 稀: -0.5, 添加剂: -0.8, 抵制: -1.5, 毒: -1.3, 拉肚子: -1.5,
  // devices
  卡: -1, 卡顿: -1.3, 死机: -1.5, 重启: -1, 蓝屏: -1.5, 黑屏: -1.5, 花屏: -1.5, 闪退: -1.3, 发热: -0.8, 发烫: -1, 烫: -0.8,
  噪音: -0.8, 噪声: -0.8, 吵: -0.8, 坏点: -1.2, 漏光: -1.2, 掉电: -1.2, 耗电: -1, 费电: -1, 不充电: -1.3, 充不进: -1.3,
  失灵: -1.3, 故障: -1.2, 返修: -1.3, 维修: -0.8, 售后: -0.2, 无法: -0.6, 反应慢: -1.2, 续航短: -1.2, 续航差: -1.3,
  // books
  无聊: -1.2, 没意思: -1.2, 枯燥: -1, 乏味: -1, 废话: -1.2, 拼凑: -1, 错别字: -1, 错字: -1, 看不懂: -1, 读不懂: -1,
  空洞: -1, 肤浅: -1, 浅薄: -1, 牵强: -1, 啰嗦: -1,
  // questions and wishes usually carry a complaint
  为什么: -0.4, 怎么回事: -1, 什么玩意: -1.5, 希望: -0.2, 建议: -0.2, 改进: -0.5, 还不如: -1.2,
  // laughter, emoji
  哈哈: 0.3, 嘻嘻: 0.3, 嘿嘿: 0.2, 呵呵: -0.6, '😊': 1, '🙂': 0.8, '😄': 1, '😁': 1, '😀': 1, '😍': 1.2, '👍': 1.2,
  '❤': 1, '💕': 1, '🌹': 0.8, '😡': -1.2, '😠': -1.2, '👎': -1.3, '😤': -1, '😭': -0.8, '😢': -0.8, '💔': -1, '😓': -0.6,
  // rough talk, disgust and mockery
  失败: -1.3, 差劲: -1.8, 太次: -1.5, 次货: -1.5, 旧货: -1.2, 打水漂: -1.5, 喂狗: -1.5, 脑残: -1.5, 傻逼: -2, 傻子: -1.3,
  我草: -1.5, 我靠: -1, 我日: -1.5, 尼玛: -1.5, 屌丝: -1, 鬼: -0.6, 醉了: -1, 呵呵哒: -0.8, 恼火: -1.2, 厌恶: -1.5, 讨厌: -1.3,
  反感: -1.3, 可怜: -0.8, 乱: -0.8, 乱七八糟: -1.3, 零分: -1.5, 一颗星: -1.2, 地摊: -1, 挂羊头卖狗肉: -1.5, 忽悠人: -1.5,
  情何以堪: -1.2, 不想说: -1, 啥情况: -0.8, 什么情况: -0.8, 拒绝: -1, 远离: -1.2, 倒闭: -1.5, 掉价: -1, 退步: -1.2,
  伪科学: -1.5, 误导: -1.2, 胡说: -1.3, 胡扯: -1.3, 瞎扯: -1.3, 扯淡: -1.5, 骗钱: -1.8, 圈钱: -1.5, 炒作: -1,
  模糊: -1, 失真: -1, 重影: -1, 变色: -1, 弯了: -0.8, 洞: -0.6, 破洞: -1.3, 长毛: -1.3, 洒了: -1.3, 痒: -1, 瘆: -1,
  // more praise
  人性化: 1, 轻巧: 1, 轻便: 1, 小巧: 0.9, 全面: 0.6, 够用: 0.6, 感兴趣: 0.8, 深入: 0.6, 完整: 0.6, 齐全: 0.8, 丰富: 0.8,
  厉害: 1, 强大: 1, 过得去: 0.3, 不可或缺: 1, 喜出望外: 1.2, 清新: 0.8, 诱人: 1, 均匀: 0.6, 干净: 0.8, 整洁: 0.8,
  吹牛: -1, 牛逼: 1.3, 真牛: 1, 太牛: 1.2, 很牛: 1.2,
  简陋: -1, 寒酸: -1, 别扭: -1, 臃肿: -1, 跌价: -1, 窝火: -1.3, 伤心: -1.2, 心寒: -1.3, 寒心: -1.3, 作呕: -1.5, 媚俗: -1, 罗嗦: -1, 畸形: -1,
  变态: -1.2, 怒: -1, 火大: -1.3, 一肚子火: -1.3, 反人类: -1.5, 无良: -1.5, 尴尬: -0.8, 脆弱: -0.8, 不对: -1, 不正常: -1.2,
  不习惯: -0.6, 倒霉: -1.2, 晦气: -1.2, 糟心: -1.3, 闹心: -1.2, 心塞: -1.2, 悲剧: -1.3, 坑货: -1.5, 差强人意: -0.8,
  华而不实: -1, 中看不中用: -1.3, 一分钱一分货: -0.3, 便宜没好货: -1.3, 便宜无好货: -1.3, 后果自负: -1.2, 智商税: -1.5,
  笑死: -0.3, 有待提高: -0.8, 待提高: -0.8, 有待改进: -0.8, 有待加强: -0.8, 欠佳: -1, 不佳: -1.2, 不理想: -1.2, 不满: -1.3,
  疑似: -0.8, 怀疑: -0.8, 不放心: -1, 担心: -0.5, 害怕: -0.8, 吓人: -1, 恐怖: -1, 危险: -1, 隐患: -1, 质疑: -1,
  舒心: 1.1, 省心: 1.1, 称心: 1.2, 如意: 0.8, 完好: 1, 完好无损: 1.2, 无损: 0.8, 精良: 1.2, 考究: 1, 讲究: 0.6, 细致: 1,
  一如既往: 1, 稳妥: 0.8, 妥妥: 1.2, 杠杠的: 1.3, 很赞: 1.3, 超赞: 1.5, 绝了: 1, 太棒: 1.5, 好极了: 1.5,
  划得来: 1.1, 值了: 1.2, 赚了: 1, 捡漏: 1, 物流给力: 1.3, 爽: 0.8, 过瘾: 1, 享受: 0.8, 喜人: 1, 惊艳: 1.3,
  // words that only look like a cue: they block the shorter word inside them
  好像: 0, 好几: 0, 只好: 0, 刚好: 0.2, 好多: 0, 好久: -0.2, 好在: 0.3, 好奇: 0, 好不容易: 0, 最好: 0, 好处: 0.3, 爱好: 0,
  友好: 0.5, 快递: 0, 快点: 0, 快要: 0, 尽快: 0, 赶快: 0, 快乐: 0.6, 凉快: 0.5, 差不多: 0, 差点: 0, 出差: 0, 差距: -0.3,
  还没: 0, 还未: 0, 暂时没: 0, 暂未: 0, 美国: 0, 美元: 0, 香港: 0, 香味: 0.2, 香蕉: 0, 香皂: 0, 香水: 0, 卡片: 0, 内存卡: 0, 银行卡: 0, 卡槽: 0, 卡通: 0,
  信用卡: 0, 贺卡: 0, 辛苦: 0, 痛苦: -0.8, 苦恼: -1, 坏处: 0, 破解: 0, 突破: 0, 可以说: 0, 可以用: 0.3,
  一般来说: 0, 一般都: 0, 问题不大: 0.3, 没什么问题: 1, 不好意: 0, 不知道: 0, 不得不: 0, 不管: 0, 不仅: 0, 不但: 0,
  不用说: 0, 不断: 0, 不同: 0, 不少: 0, 不久: 0, 不到: 0, 没想到: 0, 不一定: 0, 不然: 0, 不少于: 0, 不过: 0,
  没什么用: -1.2, 没啥用: -1.2, 好评返: 0, 酸奶: 0, 酸甜: 0.9, 苹果: 0, 值班: 0, 价值: 0.3, 假期: 0, 假如: 0, 放假: 0, 毒素: 0,
};

// Negators flip the next sentiment word in the same clause; a few also dampen it (不太好 is mildly bad).
const NEGATORS: Record<string, number> = {
  不: 1, 没: 1, 没有: 1, 并不: 1, 并没有: 1, 不太: 0.7, 不大: 0.7, 不怎么: 0.8, 不够: 0.9, 毫不: 1, 毫无: 1, 无: 1, 未: 1,
  别: 1, 非: 1, 不是: 1, 不像: 1, 并非: 1, 没那: 0.7, 不算: 0.8, 一点也不: 1.2, 一点都不: 1.2, 根本不: 1.3, 根本没: 1.3, 从不: 1, 从没: 1, 绝不: 1.2,
  没那么: 0.7, 不会: 0.9, 不能: 1, 不再: 1,
};

// Degree words scale the next sentiment word.
const DEGREE: Record<string, number> = {
  很: 1.2, 挺: 1.1, 蛮: 1.1, 非常: 1.5, 特别: 1.5, 超: 1.4, 超级: 1.5, 极: 1.7, 极其: 1.8, 十分: 1.5, 相当: 1.4, 真: 1.2,
  真的: 1.2, 实在: 1.3, 太: 1.4, 好: 1.3, 比较: 0.8, 有点: 0.7, 有些: 0.7, 稍: 0.6, 稍微: 0.6, 略: 0.6, 略微: 0.6, 还算: 0.8,
  还: 0.9, 巨: 1.5, 贼: 1.4, 老: 1.1, 更: 1.2, 最: 1.3, 绝对: 1.4, 确实: 1.2, 的确: 1.2, 简直: 1.4, 完全: 1.3, 都: 1,
};

// Too much of a neutral property is a complaint: 有点大, 太薄, 偏小, 过于硬.
const EXCESS_PREFIX: Record<string, number> = { 有点: 0.8, 有些: 0.8, 有一点: 0.7, 偏: 0.9, 太: 1.2, 过于: 1.2, 略: 0.6, 稍: 0.6, 稍微: 0.6, 比较: 0.5 };
const EXCESS_ADJ = ['大', '小', '薄', '厚', '硬', '长', '短', '紧', '松', '肥', '瘦', '重', '沉', '酸', '咸', '淡', '干', '涩', '慢', '吵', '热', '烫', '暗', '粗', '贵', '高', '低', '少', '稀', '软', '油', '腻', '刺', '闷', '冷', '凉'];

// Contrast words: what follows counts more than what came before.
const CONTRAST = ['但', '但是', '可是', '不过', '就是', '可惜', '只是', '却', '然而', '无奈', '偏偏'];
// A concession weakens its own clause (虽然质量一般，但是…).
const CONCESSION = ['虽然', '虽说', '尽管', '虽'];

type Entry =
  | { kind: 'word'; w: number }
  | { kind: 'neg'; m: number }
  | { kind: 'deg'; m: number }
  | { kind: 'contrast'; w: number }
  | { kind: 'concession' };

interface Node {
  next: Map<number, Node>;
  entry?: Entry;
}

const root: Node = { next: new Map() };
let longest = 0;

function add(word: string, entry: Entry): void {
  let node = root;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    let n = node.next.get(c);
    if (!n) node.next.set(c, (n = { next: new Map() }));
    node = n;
  }
  node.entry = entry;
  longest = Math.max(longest, word.length);
}

for (const [w, m] of Object.entries(DEGREE)) add(w, { kind: 'deg', m });
for (const [w, m] of Object.entries(NEGATORS)) add(w, { kind: 'neg', m });
for (const w of CONCESSION) add(w, { kind: 'concession' });
for (const w of CONTRAST) add(w, { kind: 'contrast', w: WORDS[w] ?? 0 });
for (const [p, m] of Object.entries(EXCESS_PREFIX)) for (const a of EXCESS_ADJ) add(p + a, { kind: 'word', w: -m });
for (const [w, v] of Object.entries(WORDS)) if (!CONTRAST.includes(w)) add(w, { kind: 'word', w: v });

/** Clause breaks: punctuation (full and half width), line breaks and runs of spaces. */
function isBreak(c: number): boolean {
  return (
    c === 0x3002 /* 。 */ || c === 0xff0c /* ， */ || c === 0xff01 /* ！ */ || c === 0xff1f /* ？ */ || c === 0xff1b /* ； */ ||
    c === 0x3001 /* 、 */ || c === 0x2026 /* … */ || c === 0xff5e /* ～ */ || c === 0x2c || c === 0x2e || c === 0x21 ||
    c === 0x3f || c === 0x3b || c === 0x0a || c === 0x0d || c === 0x20 || c === 0x7e || c === 0xff0e || c === 0x3000
  );
}

/** Longest dictionary match at i, or undefined. */
function match(text: string, i: number, end: number): { entry: Entry; len: number } | undefined {
  let node: Node | undefined = root;
  let found: { entry: Entry; len: number } | undefined;
  for (let j = i; j < end && j - i < longest; j++) {
    node = node.next.get(text.charCodeAt(j));
    if (!node) break;
    if (node.entry) found = { entry: node.entry, len: j - i + 1 };
  }
  return found;
}

const CONTRAST_BEFORE = 0.6;
const CONTRAST_AFTER = 1.3;
const CONCESSION_WEIGHT = 0.6;
const LAST_CLAUSE = 1.2;
/** How far (in characters) a negator or degree word reaches. */
const REACH = 5;
const LONE_NEGATION = 0.4;
const QUESTION = 0.3;

/** The lexicon's reading of a text. */
export function readLexicon(text: string): LexiconReading {
  let score = 0;
  let cues = 0;
  let pos = 0;
  let neg = 0;
  let start = 0;
  let lastClauseScore = 0;
  let turned = false;
  const n = text.length;
  while (start < n) {
    let end = start;
    while (end < n && !isBreak(text.charCodeAt(end))) end++;
    if (end > start) {
      let clause = 0;
      let clauseWeight = 1;
      let negate = 0; // negators seen since the last sentiment word (two cancel out)
      let negM = 1;
      let negAt = -1;
      let deg = 1;
      let degAt = -1;
      let i = start;
      while (i < end) {
        const m = match(text, i, end);
        if (!m) {
          i++;
          continue;
        }
        const e = m.entry;
        if (e.kind === 'neg') {
          negate++;
          negM = e.m;
          negAt = i + m.len;
        } else if (e.kind === 'deg') {
          deg = e.m;
          degAt = i + m.len;
        } else if (e.kind === 'concession') {
          clauseWeight = CONCESSION_WEIGHT;
        } else if (e.kind === 'contrast') {
          // What came before, in this clause and the clauses before, counts less.
          score *= CONTRAST_BEFORE;
          turned = true;
          clause *= CONTRAST_BEFORE;
          clauseWeight = CONTRAST_AFTER;
          if (e.w) clause += e.w;
          negate = 0;
          deg = 1;
        } else if (e.w !== 0) {
          let w = e.w;
          // 好 right before a complaint is a degree word (好慢, 好难用), not praise.
          if (w > 0 && m.len === 1 && text[i] === '好') {
            const after = match(text, i + 1, end);
            if (after?.entry.kind === 'word' && after.entry.w < 0) {
              deg = 1.3;
              degAt = i + 1;
              i += 1;
              continue;
            }
          }
          if (degAt >= 0 && i - degAt <= REACH) w *= deg;
          if (negate > 0 && negAt >= 0 && i - negAt <= REACH && negate % 2 === 1) {
            // A negated complaint is weaker praise than the praise word itself: 不贵 < 便宜.
            w = w > 0 ? -w * negM * 0.9 : -w * negM * 0.5;
          }
          clause += w;
          cues++;
          if (w > 0) pos += w;
          else neg -= w;
          negate = 0;
          negAt = -1;
          deg = 1;
          degAt = -1;
        }
        i += m.len;
      }
      // A negation that found no word to turn is usually a thing missing or failing: 不能传送数据,
      // 不起泡沫, 没有护发素.
      if (negate > 0 && negate % 2 === 1) clause -= LONE_NEGATION * negM;
      // Buyers ask when they complain: 这种苹果能吃吗？
      if (end < n && (text.charCodeAt(end) === 0xff1f || text.charCodeAt(end) === 0x3f)) clause -= QUESTION;
      clause *= clauseWeight;
      score += clause;
      if (clause !== 0) lastClauseScore = clause;
    }
    start = end + 1;
  }
  // The conclusion, usually last, weighs a little more.
  score += lastClauseScore * (LAST_CLAUSE - 1);
  return { score, cues, pos, neg, last: lastClauseScore, turned };
}

/** Lexicon-only sentiment: a text with no cue at all, or cues that cancel out, is neutral. */
export function lexiconSentiment(text: string): 'pos' | 'neu' | 'neg' {
  const { score } = readLexicon(text);
  return score > 0.15 ? 'pos' : score < -0.15 ? 'neg' : 'neu';
}
