// The words of the review reply drafts (评价回复), data only: the phrase banks the drafts are made of, and
// the words that tell the seller's style and a sentence's tone. The rules that pick and combine them are
// in ../replies.ts.
import type { AspectId } from '../types';

// ---------------------------------------------------------------------------------------------------------
// Phrase banks. {call}: the address as a vocative (亲 / 宝宝 / 您好); {hi}: a hello (亲您好 / 您好);
// {you}: the address as a pronoun (亲 / 宝宝 / 您); {self}: the shop; {nick}, {item}, {tip}. A variant that
// needs {nick} or {item} is used only when there is one. Words the lint would flag are avoided: no 最…,
// no 第一 other than 第一时间, no 给/打 directly before 好评, nothing after 好评/追评 that reads as a reward.
//
// The long sentences come in halves (a head ending in ， and a tail), combined freely: two replies then
// share a sentence only in part, which is what keeps a shop's fiftieth reply to 很好 unlike its last 49.

/** A sentence in two halves; any head goes with any tail that does not repeat its words. */
export interface Halves {
  readonly heads: readonly string[];
  readonly tails: readonly string[];
}

export const GREETINGS = [
  '{call}，', '{call}！', '{call}～', '{hi}，', '{hi}！', '{hi}～', '', '', '',
  '{nick}{call}，', '{nick}{hi}！', '{nick}{call}～',
] as const;

/** Thanks for a good rating. */
export const THANKS: Halves = {
  heads: [
    '感谢{you}的好评，', '谢谢{you}的认可，', '谢谢{you}送来的好评，', '多谢{you}的支持，', '谢谢{you}的五星鼓励，',
    '感恩{you}的信任，', '谢谢{you}抽空写评价，', '谢谢{you}认真写的评价，', '非常感谢{you}的肯定，', '谢谢{you}的夸奖，',
    '{you}的好评{self}看到啦，谢谢{you}，', '谢谢{you}这么用心的反馈，', '感谢{you}选择{self}，', '谢谢{you}的捧场，',
    '谢谢{you}的夸赞，', '谢谢{you}的暖心评价，', '谢谢{you}这么满意的评价，', '谢谢{you}，很高兴{item}能让{you}满意，',
    '谢谢{you}喜欢{item}，',
  ],
  tails: [
    '{self}特别开心！', '整个团队都很受鼓舞！', '心里暖暖的！', '这是对{self}莫大的鼓励。', '{self}开心了一整天！',
    '一切努力都值得了。', '{self}嘴角都没放下来过！', '这份心意{self}记下了。', '比接到订单还高兴！',
    '{self}会继续用心做好每一单。', '给{self}添了好多干劲！', '这就是{self}坚持的意义。', '{self}都记在心里了。',
    '今天的工作都更有劲了！', '{self}会把这份鼓励转告每位同事。', '真心感谢！', '打包的小伙伴也会很高兴的！',
    '这比什么都珍贵。',
  ],
};

/** Something of value in a good reply when there is little else to say: a commitment, a wish. */
export const GOOD_EXTRAS = [
  '收货后有任何疑问，随时在平台上找客服。',
  '每一份订单{self}都会当成自己的来对待。',
  '{self}会继续把品质和服务做扎实。',
  '有{you}这样的买家，是{self}的幸运。',
  '{you}的每条反馈{self}都会认真看。',
  '新品上架时欢迎来店里逛逛。',
  '售后有保障，{you}尽管放心。',
  '愿这次购物给{you}带来好心情。',
  '订单记录保存好，日后售后更方便。',
  '{self}每天都在认真选品、仔细打包。',
  '能被{you}选中，是{self}的荣幸。',
  '用得开心就是{self}想要的结果。',
  '{self}的每一点进步，都离不开{you}的鼓励。',
  '{self}会把{you}的评价分享给团队。',
  '换季时节，注意照顾好自己哦。',
  '有空常来看看，说不定有{you}喜欢的新品。',
  '{item}后续有任何问题，{self}都会负责到底。',
  '希望{item}给{you}的日子添点小美好。',
] as const;

/** Opens a 中评: thanks for the honesty, sorry it fell short. */
export const NEUTRAL_OPENERS: Halves = {
  heads: [
    '谢谢{you}的购买和评价，', '感谢{you}的中肯反馈，', '谢谢{you}说出真实感受，', '{you}的评价{self}认真看了，',
    '感谢{you}的耐心反馈，', '谢谢{you}愿意直说，', '收到{you}的意见了，', '谢谢{you}抽空留言，', '感谢{you}的提醒，',
    '{you}的中评{self}收到了，',
  ],
  tails: [
    '这次没能让{you}十分满意，抱歉。', '哪里没做好{self}都想知道。', '{self}会认真对待每一条意见。',
    '还有做得不够的地方，{self}很在意。', '{you}的每一句意见{self}都当真。', '不足之处{self}一定改进。',
    '没做到让{you}完全满意，对不起。', '这对{self}很有帮助。', '{self}会好好反思。', '让{you}有不满意的地方，抱歉。',
  ],
};

/** Opens a 差评. */
export const APOLOGIES: Halves = {
  heads: [
    '非常抱歉，', '真的对不起，', '实在抱歉，', '很抱歉，', '给{you}添麻烦了，', '谢谢{you}如实反馈，',
    '{you}的不满{self}都看到了，', '{you}的评价{self}仔细看了，', '向{you}诚恳道歉，', '让{you}费心了，',
    '首先要向{you}道歉，', '真是对不住，', '这次真的很抱歉，',
  ],
  tails: [
    '这次没能让{you}满意。', '让{you}失望了。', '{self}心里很过意不去。', '是{self}没有做好。', '这次的体验让{you}受累了。',
    '{self}先向{you}郑重道歉。', '这份不愉快{self}记下了。', '这是{self}的责任。', '{self}很惭愧。', '耽误{you}的时间了。',
    '{self}一定认真改正。', '这次的服务没做到位。',
  ],
};

/** Opens a hidden complaint (good rating, unhappy text): thanks for the rating, then the complaint. */
export const HIDDEN_OPENERS: Halves = {
  heads: [
    '谢谢{you}的好评，', '感谢{you}的宽容，', '谢谢{you}的体谅，', '感谢{you}的包容，', '好评收到了，', '多谢{you}的理解，',
    '谢谢{you}的大度，', '感谢{you}的评分，',
  ],
  tails: [
    '也谢谢{you}把不满意的地方告诉{self}。', '{you}提到的问题{self}一点也不敢马虎。', '评价里提到的不足{self}都看到了。',
    '{you}遇到的问题{self}同样重视。', '更谢谢{you}把真实的问题说出来。', '但让{you}遇到问题，{self}心里过意不去。',
    '问题没解决之前，{self}不会当它过去。', '评分虽好，{you}说的问题{self}一样上心。',
  ],
};

/** The 追评 turned bad. Every variant names the 追评. */
export const APPEND_WORSE = [
  '看到{you}的追评，用了一段时间后出现问题，{self}非常抱歉。',
  '{you}的追评{self}认真看了，后续使用中出了状况，实在对不起。',
  '谢谢{you}回来追评，收货后一段时间的问题{self}同样负责到底。',
  '追评里提到的情况{self}很重视，收货后出的问题也一样要解决。',
  '没想到过了一阵子会出问题，看到追评{self}第一时间就来回复了。',
  '感谢{you}在追评里告诉{self}后续的情况，让{you}失望了，抱歉。',
  '{you}特意回来追评，说明问题让{you}很困扰，对不起。',
  '谢谢{you}的追评提醒，用了一段时间才出现的问题，{self}一样管到底。',
] as const;

/** A complaint about an aspect: an apology (a head ending in ，) and a remedy (a tail ending in 。). */
export const COMPLAINTS: Readonly<Record<AspectId, Halves>> = {
  logistics: {
    heads: [
      '物流这么慢让{you}久等了，真的很抱歉，', '快递耽误了{you}的时间，{self}很过意不去，',
      '包裹在路上走了这么久，让{you}着急了，对不起，', '这次物流没跟上，辜负了{you}的等待，抱歉，',
      '配送出了状况让{you}费心了，实在抱歉，', '让{you}等快递等到心急，是{self}没安排好，对不起，',
      '快递派送不到位，给{you}添了麻烦，对不起，', '物流信息迟迟不动，换谁都会着急，实在抱歉，',
      '收货这么不顺利，{self}向{you}道歉，', '快递这一环没把控好，是{self}的疏忽，抱歉，',
    ],
    tails: [
      '{self}已经在和快递公司沟通，后面会换更稳定的线路。', '之后发货会优先选时效更稳的快递，也会盯紧每一单的物流。',
      '{self}会把这条线路的问题反馈给快递，督促他们改进派送。', '以后{self}会更早发出，并及时跟进物流进度。',
      '如果包裹还有异常，客服会帮{you}一起追件。', '{self}会复盘这次的发货环节，尽量不再让{you}久等。',
      '派送上的问题{self}已经投诉给快递网点。', '后面{self}会每天查看在途包裹，卡住的马上催。',
      '这条线路之后会换一家快递试试。', '再有物流异常，{self}会主动在平台上告诉{you}进展。',
    ],
  },
  damage: {
    heads: [
      '收到的东西有破损，换谁都会难过，非常抱歉，', '包装没保护好商品，让{you}收到了损坏的货，对不起，',
      '运输途中出现破损，是{self}防护没做到位，抱歉，', '看到{you}收到的包裹被压坏，{self}很心疼，',
      '东西坏在路上，是{self}包装没做好，抱歉，', '破损让{you}的好心情打了折扣，实在对不起，', '开箱就看到破损，太扫兴了，抱歉，',
      '包裹磕碰成这样，是{self}打包不够仔细，对不起，', '让{you}收到有损坏的商品，{self}很自责，', '漏了碎了都是{self}的责任，真的对不起，',
    ],
    tails: [
      '请{you}拍下破损的照片，在平台上联系客服，{self}会马上为{you}补发或退款。', '这种情况{self}一定负责，联系客服就能安排补发或退款。',
      '{self}已经让仓库加厚包装，{you}这单的损失由{self}承担。', '之后会多加一层缓冲材料，{you}这单请找客服，补发或退款都可以。',
      '麻烦{you}把破损情况发给客服，{self}尽快给{you}处理好。', '{self}会换更结实的包装箱，也会把{you}这单处理到{you}满意为止。',
      '破损的部分{self}来承担，补发或退款由{you}选。', '仓库已经改用加厚的箱子和气泡膜。',
      '这单的损失不用{you}操心，客服会直接处理。', '{self}会追查是哪个环节出的问题，避免再发生。',
    ],
  },
  mismatch: {
    heads: [
      '实物和描述有出入，让{you}失望了，非常抱歉，', '收到的和页面上看到的不一样，是{self}的疏忽，抱歉，',
      '发错或少发让{you}白等一场，真的对不起，', '货品与描述不符，这是{self}的错，对不起，',
      '收到的东西和描述不一样，{self}很抱歉，', '色差或款式不符给{you}带来了困扰，抱歉，',
      '东西和图片对不上，{self}理解{you}的失望，非常抱歉，', '少了该有的东西，是{self}核对不仔细，对不起，',
      '页面展示和实物有差距，{self}很惭愧，', '拿错了货让{you}多费周折，对不起，',
    ],
    tails: [
      '{self}会重新核对页面图片和说明，{you}这单可以联系客服换货或退货。', '请联系客服核实一下，该补发的马上补发，该换的帮{you}换。',
      '{self}已在复查出库流程，{you}可以找客服安排退换。', '之后会更新商品图片和描述，尽量做到所见即所得。',
      '仓库会加一道核对，{you}这边请直接联系客服处理。', '请把收到的实物拍给客服，{self}会给{you}一个满意的解决办法。',
      '缺少的部分{self}会尽快补寄给{you}。', '详情页会重新实拍，不再让图片和实物有出入。', '发货单和实物{self}以后会双人核对。',
      '客服会先帮{you}核对订单，再安排补发或换货。',
    ],
  },
  quality: {
    heads: [
      '质量出了问题，非常抱歉，', '让{you}遇到做工上的瑕疵，是{self}把关不严，抱歉，', '东西没用多久就出状况，{self}真的很过意不去，',
      '质量没达到{you}的期待，{self}很惭愧，', '品质上的问题让{you}失望了，对不起，', '这个质量问题是{self}品控的疏漏，对不起，',
      '做工不到位让{you}用得闹心，抱歉，', '收到有瑕疵的商品，{you}一定很失望，实在抱歉，', '质量让{you}不放心，这是{self}的责任，对不起，',
      '出现这样的质量问题，{self}非常自责，',
    ],
    tails: [
      '退换的事宜客服会全程帮{you}办好。', '{self}会把这批货重新抽检，{you}这单请找客服退换。',
      '这批货已经反馈给工厂排查，{you}的售后客服会优先处理。', '请把问题拍照发给客服，换新或退款都可以。',
      '后面会加严品检，{you}手上这件请联系客服处理。', '{self}一定负责到底，客服会尽快帮{you}解决。',
      '同批次的库存{self}已经在逐件检查。', '{you}的反馈已经转给品控，{self}会追查原因。', '需要换新的话，{self}优先给{you}发出。',
      '售后客服会为{you}安排退换，不让{you}吃亏。',
    ],
  },
  size: {
    heads: [
      '尺码不合适让{you}穿着不舒服，很抱歉，', '尺码没推荐准，是{self}的问题，抱歉，', '买到不合身的尺码，{self}知道有多扫兴，抱歉，',
      '偏大偏小给{you}添了麻烦，对不起，', '尺码表没帮上{you}，{self}很抱歉，', '尺码偏差让{you}来回折腾，对不起，',
      '版型和{you}预想的不一样，{self}很抱歉，', '穿上不合适一定很失落，抱歉，',
    ],
    tails: [
      '{you}可以联系客服换一个尺码，{self}会尽快安排。', '{self}会重新核对尺码表，{you}这件可以申请换码。',
      '告诉客服{you}的身高体重，{self}帮{you}挑一个更合适的码。', '换码的事交给客服，{self}会优先给{you}发出。',
      '之后会在详情页补充更细的尺码说明，这件请找客服调换。', '换码寄回的流程客服会一步步告诉{you}。',
      '{self}会在尺码表里补上更多实测数据。', '下次选码前可以先问问客服，{self}帮{you}把关。',
    ],
  },
  taste: {
    heads: [
      '口感没让{you}满意，{self}很抱歉，', '收到的不够新鲜，是{self}没把好关，对不起，', '味道和{you}期待的不一样，对不起，',
      '新鲜度出了问题，{self}非常过意不去，', '让{you}尝到了不满意的味道，实在抱歉，', '口味没对上{you}的期待，{self}很遗憾，',
      '收到时品相不好，是{self}的问题，抱歉，', '新鲜度不够让{you}扫兴了，对不起，',
    ],
    tails: [
      '请把情况拍照发给客服，{self}会为{you}补发或退款。', '{self}会核查这批货的批次和储存，{you}这单找客服处理就好。',
      '之后发货前会再检查一遍新鲜度，{you}这单客服会给{you}处理。', '{self}会跟产地沟通，确保后面发出的都新鲜，这单请找客服。',
      '{you}的感受{self}很在意，客服会为{you}妥善处理。', '这批次{self}会重新抽查，不合格的一律下架。',
      '以后会缩短库存时间，尽量让{you}收到新鲜的。', '{self}可以为{you}补发一份新的，或直接退款，请找客服。',
    ],
  },
  service: {
    heads: [
      '客服回复不及时让{you}着急了，非常抱歉，', '服务态度没做好，{self}向{you}道歉，', '售后处理让{you}受委屈了，对不起，',
      '沟通中让{you}不愉快，是{self}的失职，对不起，', '客服没能及时帮到{you}，{self}很惭愧，', '让{you}在售后上受了气，{self}真的很抱歉，',
      '客服没有耐心解答，是{self}管理不到位，抱歉，', '处理拖了这么久，让{you}失望了，实在对不起，',
    ],
    tails: [
      '{self}已经和客服团队复盘，会加快响应速度。', '{you}现在再联系客服，会有专人跟进到底。',
      '后面会加强客服培训，{you}的问题{self}会专门跟进。', '{self}会安排专人处理{you}的售后，不再让{you}等。',
      '{you}的意见已经转给客服主管，会认真改进。', '这次的聊天记录{self}会逐条复查。', '以后售后问题会有专人当天回复。',
      '{you}的问题{self}会盯到解决为止。',
    ],
  },
  price: {
    heads: [
      '让{you}觉得不划算，{self}很抱歉，', '买完就遇到降价，换谁都会不舒服，对不起，', '价格上让{you}有落差，{self}理解{you}的心情，抱歉，',
      '性价比没达到{you}的预期，抱歉，', '{you}对价格的不满{self}都听到了，抱歉，', '价格波动让{you}心里不舒服，抱歉，',
      '让{you}觉得花得不值，{self}很过意不去，', '价格上没让{you}满意，对不起，',
    ],
    tails: [
      '价格的问题可以联系客服，{self}会按平台规则为{you}处理。', '如果还在价保期内，客服会帮{you}申请差价。',
      '{self}会更用心把控品质，让{you}觉得物有所值。', '客服会为{you}核对价格，按平台规则能补的都为{you}补上。',
      '{you}的意见{self}记下了，之后定价会更实在。', '{self}会把{you}的意见带到下次定价里。',
      '之后调价前{self}会提前在店铺公告。', '以后的活动{self}会尽量照顾老顾客。',
    ],
  },
  usage: {
    heads: [
      '使用体验没达到{you}的期待，很抱歉，', '用起来不顺手，给{you}添麻烦了，对不起，', '让{you}用得不舒心，{self}很过意不去，',
      '使用中遇到的问题让{you}费心了，抱歉，', '{you}提到的使用感受{self}都记下了，很抱歉，', '用着不方便，{self}理解{you}的烦恼，对不起，',
      '没能给{you}好的使用体验，对不起，', '使用上的不便让{you}闹心了，抱歉，',
    ],
    tails: [
      '客服可以一步步帮{you}调试，如果还是不合适也可以退换。', '请联系客服说说具体情况，{self}会帮{you}找到解决办法。',
      '{self}会把{you}的反馈转给产品团队，也请{you}找客服处理这单。', '客服会给{you}发一份详细的使用说明，有问题随时问。',
      '如果不满意可以找客服退换，{self}一定配合。', '{self}会把操作说明写得更清楚。', '有任何操作上的疑问，客服随时解答。',
      '这些意见{self}会带给产品改进。',
    ],
  },
};

/** Echoes what the buyer praised. */
export const PRAISES: Readonly<Record<AspectId, readonly string[]>> = {
  logistics: [
    '物流顺利送达真好，发货速度{self}会一直保持。',
    '快递这么快就到了，{you}能早点用上{self}也高兴。',
    '{self}每天按时发货，也很高兴快递这次这么给力。',
    '能快快收到包裹，这份好心情{self}也感受到了。',
    '发货和配送都让{you}满意，打包的同事听了一定很开心。',
    '早一天收到就早一天用上，{self}会继续及时发货。',
  ],
  damage: [
    '包装完好是{self}一直很在意的，打包时都会多加防护。',
    '打包的同事知道包裹完好到达，一定很开心。',
    '{self}发货前会仔细检查包装，很高兴包裹完好送到{you}手里。',
    '包装得到{you}的认可，{self}的加固没有白做。',
    '每个包裹{self}都当作自己的来打包，很高兴一路安好。',
  ],
  mismatch: [
    '实物和描述一致是{self}的基本原则，很高兴{you}满意。',
    '图片都是实拍，收到和看到的一样就放心了。',
    '{self}坚持如实描述，很开心实物没让{you}失望。',
    '所见即所得，是{self}一直坚持的。',
    '很高兴收到的宝贝和页面上一样，{self}会继续如实展示。',
  ],
  quality: [
    '品质是{self}一直用心把关的，谢谢{you}认可。',
    '每一批货{self}都会抽检，很高兴质量让{you}放心。',
    '做工和用料{self}都很用心，能被{you}看到真好。',
    '{you}夸的质量，是{self}一点点把关出来的。',
    '品控这块{self}不敢松懈，谢谢{you}的肯定。',
    '品质过硬，才对得起{you}的信任。',
  ],
  size: [
    '尺码合适太好了，{self}的尺码表都是一件件实测的。',
    '很高兴版型和尺码都合{you}心意。',
    '穿着合身就好，尺码上有疑问随时可以问客服。',
    '尺码推荐帮上忙了，{self}很开心。',
    '合身是穿着舒服的关键，很高兴这次刚刚好。',
  ],
  taste: [
    '口感被{you}喜欢，{self}真的很开心！',
    '新鲜是{self}一直坚持的，很高兴这份新鲜被{you}感受到。',
    '味道对了{you}的胃口，就是对{self}莫大的肯定。',
    '{self}都是当季发货，很高兴{you}尝到了这份新鲜。',
    '喜欢这个味道就好，{self}这边会一直保证新鲜。',
    '这份好味道，是从源头一点点挑出来的。',
  ],
  service: [
    '客服同事看到{you}的表扬一定很开心。',
    '{you}对客服的肯定，{self}会转达给值班的同事。',
    '能帮到{you}是客服应该做的，谢谢{you}的耐心。',
    '服务让{you}满意，是整个团队的心愿。',
    '有任何问题随时找客服，{self}一直都在。',
  ],
  price: [
    '觉得物有所值就好，{self}一直想让{you}买得放心。',
    '性价比被{you}认可，{self}会继续把价格做实在。',
    '能用实在的价格买到满意的东西，是{self}想给大家的。',
    '价格实惠、东西靠谱，是{self}一直的方向。',
    '谢谢{you}觉得划算，{self}会坚持实在定价。',
  ],
  usage: [
    '用着顺手就好，这正是{self}挑选它的原因。',
    '很高兴使用体验让{you}满意。',
    '好用才是硬道理，谢谢{you}的分享。',
    '{you}的使用感受对其他买家很有参考价值，谢谢分享！',
    '用得舒心就好，有任何使用问题随时找客服。',
  ],
};

/** Leads into the seller's own tip ({tip} is one sentence of it). */
export const TIP_LEADS = [
  '分享一个小贴士：{tip}', '再给{you}一个小建议：{tip}', '温馨提示：{tip}', '顺便提醒一下，{tip}', '{self}的使用建议：{tip}',
  '小贴士送给{you}：{tip}', '附上一点心得：{tip}', '友情提示，{tip}', '提醒{you}一句，{tip}', '一点小经验分享给{you}：{tip}',
  '关于{item}，有个小建议：{tip}', '{item}的小窍门：{tip}',
] as const;

/** Leads into the tip when the buyer complained about use or taste: offered, never as the buyer's fault. */
export const TIP_LEADS_COMPLAINT = [
  '也附上一点使用心得供{you}参考：{tip}', '另外分享一个小经验，或许能帮上忙：{tip}', '这里也补充一点说明：{tip}',
] as const;

/** Care advice for what was praised, when the seller entered no tip; none fits logistics, service or price. */
export const CARE: Readonly<Partial<Record<AspectId, readonly string[]>>> = {
  taste: ['开封后记得密封，放在阴凉处，风味能保持得更久。', '收到后尽快冷藏或密封保存，新鲜口感能留得更久。'],
  size: ['日常打理按洗标来，版型能保持得更久。', '清洗时轻柔一些、避免暴晒，能穿得更久。'],
  quality: ['平时按说明保养，能陪{you}更久。', '注意防潮避晒，东西能用得更长久。'],
  usage: ['使用中有任何疑问，随时在平台上找客服，{self}一直在。', '用之前花一分钟看看说明书，体验会更顺。'],
  damage: ['拆包装时小心刀口，别划到里面的东西哦。'],
};

/** When a complaint names no aspect: ask what went wrong. */
export const ASK_DETAILS = [
  '能麻烦{you}告诉{self}具体是哪里不满意吗？', '具体遇到了什么问题，{self}很想知道，好尽快帮{you}解决。',
  '哪里没做好请尽管说，{self}一定认真改。', '方便的话说说具体情况，{self}会给{you}一个交代。',
  '{you}遇到的问题，{self}想详细了解一下。', '是哪个环节让{you}不满意，{self}很想弄清楚。',
  '{you}愿意的话，把遇到的情况说给客服听听。', '不满意的地方请直说，{self}马上改。',
] as const;

/** The way to fix it: the platform's own customer-service chat, nothing else (no WeChat, QQ or phone). */
export const CONTACT_OFFERS: Halves = {
  heads: [
    '麻烦{you}在订单页点「联系客服」，', '{you}可以直接在平台上联系客服，', '请通过平台消息找客服，', '请在订单详情里联系客服，',
    '在平台上找客服时提一下这条评价，', '请{you}在平台上联系客服，', '随时在订单页找客服，', '在平台聊天窗口找{self}的客服，',
    '方便时请在平台上给客服留言，', '有需要请在订单页点客服，',
  ],
  tails: [
    '{self}会尽快为{you}处理。', '{self}会安排专人跟进。', '{self}一定给{you}满意的答复。', '{self}随时在线。',
    '{self}会优先为{you}处理。', '{self}会一对一帮{you}解决。', '{self}全程跟进到{you}满意。', '处理进度会及时同步给{you}。',
    '会在第一时间回复{you}。', '看到消息就马上处理。',
  ],
};

export const CLOSINGS_GOOD = [
  '期待{you}再次光临！', '祝{you}生活愉快，常来逛逛～', '欢迎下次再来，{self}随时恭候。', '祝{you}天天好心情！',
  '有需要随时来找{self}哦。', '期待下次再为{you}服务！', '祝{you}万事顺意，下次见！', '{self}会继续努力，不辜负{you}的信任。',
  '常回来看看，{self}一直都在。', '祝一切顺利，欢迎常来！', '祝{you}购物愉快！', '祝{you}和家人平安喜乐！',
  '下次见啦，祝{you}一切都好！', '{self}在这里等{you}常回来。', '愿{you}每天都有好心情。', '祝{you}身体健康，笑口常开！',
  '后会有期，祝{you}顺心！', '愿{item}陪{you}度过好时光。',
] as const;

export const CLOSINGS_BAD = [
  '再次向{you}说声抱歉，希望还有机会为{you}服务。', '给{you}带来不便，真的很抱歉。', '谢谢{you}的理解，{self}会用行动改进。',
  '希望下次能给{you}一次满意的体验。', '{you}的意见{self}会认真记下，一定改进。', '感谢{you}的耐心，{self}等{you}的消息。',
  '这次的问题{self}一定负责到底。', '期待{you}再给{self}一次机会。', '祝{you}生活顺心，也请相信{self}会做得更好。',
  '让{you}受累了，再次说声对不起。', '{self}会把这次当作教训，认真改进。', '谢谢{you}指出问题，让{self}有机会变好。',
  '真心希望能弥补这次的不愉快。', '有任何进展{self}都会及时告诉{you}。',
] as const;

/** A 中评's closing: regretful or warm. */
export const CLOSINGS_NEUTRAL = [...CLOSINGS_BAD, ...CLOSINGS_GOOD.slice(0, 8)] as const;

// ---------------------------------------------------------------------------------------------------------
// Words read from other texts

/** Promo words in a listing title that say nothing about the item. */
export const PROMO = /^(?:包邮|现货|特价|清仓|热卖|爆款|新款|正品|官方|旗舰店|直降|秒杀|限时|促销|特惠|顺丰)$/;

/** A sentence of the seller's that apologises: it fits only a reply to a complaint. */
export const APOLOGY_WORDS = /抱歉|对不起|不好意思|歉意|致歉|添麻烦|不满意|没能让|没有让|见谅|委屈|失望|不愉快|理解|不便/;
/** A sentence of the seller's that thanks for praise: it fits only a reply to a good review. */
export const THANKS_WORDS = /好评|喜欢|满意|认可|夸|赞|五星|支持|肯定|信任|信赖|鼓励|光临|再来|回购/;

/** How sellers address buyers; longest first, so 亲爱的 and 亲亲 are not counted as 亲; 亲 in 亲自, 亲手 … is not an address. */
export const ADDRESS = /亲爱的|亲亲|宝宝|宝子|小主|您|亲(?![自手友人戚属切身眼密朋])/;
/** How sellers call the shop. */
export const SELF = /小店|本店|掌柜|店家|小编|我们/;
