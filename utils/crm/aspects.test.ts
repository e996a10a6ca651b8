import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAspects, parseAspects, tagAspects } from './aspects';
import { ASPECT_IDS, type AspectMark } from './types';

/** The tagger's answer in the label format, for short assertions. */
const tags = (text: string) => formatAspects(tagAspects(text));

describe('tagAspects: each aspect, complaint and praise', () => {
  it.each([
    // 物流 logistics
    ['物流太慢了，等了一个星期才到', 'logistics:-'],
    ['快递很给力，第二天就到了', 'logistics:+'],
    // 破损 damage
    ['收到的时候箱子都压坏了，牛奶漏了好几盒', 'damage:-'],
    ['包装完好无损', 'damage:+'],
    // 货不对板 mismatch
    ['衣服有色差，和图片不一样', 'mismatch:-'],
    ['实物和描述一致', 'mismatch:+'],
    // 质量 quality
    ['质量太差了，洗了一次就起球', 'quality:-'],
    ['做工精细，很结实', 'quality:+'],
    // 尺码 size
    ['鞋子偏大，建议买小一码', 'size:-'],
    ['尺码标准，穿着很合身', 'size:+'],
    // 口感/新鲜 taste
    ['橙子不新鲜，有几个都烂了', 'taste:-'],
    ['苹果很甜很脆，水分足', 'taste:+'],
    // 客服 service
    ['客服不理人，问了半天都不回复', 'service:-'],
    ['客服态度很好，耐心解答', 'service:+'],
    // 价格 price
    ['太贵了，不值这个价', 'price:-'],
    ['价格实惠，性价比高', 'price:+'],
    // 使用体验 usage
    ['手机发热严重，玩游戏很卡', 'usage:-'],
    ['屏幕很清晰，电池续航也不错', 'usage:+'],
  ])('%s → %s', (text, expected) => {
    expect(tags(text)).toBe(expected);
  });
});

describe('tagAspects: negation', () => {
  it('物流不慢 is no logistics complaint', () => {
    expect(tags('物流不慢')).toBe('logistics:+');
  });

  it('没有破损 is no damage complaint (and no praise either)', () => {
    expect(tags('没有破损')).toBe('');
    expect(tags('一个坏的也没有')).not.toContain(':-');
  });

  it('一点也不贵 is price praise', () => {
    expect(tags('一点也不贵')).toBe('price:+');
    expect(tags('并不便宜')).toBe('price:-');
  });

  it('质量不好 and 不新鲜 are complaints', () => {
    expect(tags('质量不好')).toBe('quality:-');
    expect(tags('牛奶不新鲜')).toBe('taste:-');
  });

  it('a missing feature, part or gift is a complaint', () => {
    expect(tags('没有蓝牙功能')).toBe('usage:-');
    expect(tags('耳机都没有')).toBe('mismatch:-');
    expect(tags('说好的赠品没有收到')).toBe('mismatch:-');
  });

  it('doubt turns praise into a complaint, not the other way round', () => {
    expect(tags('怀疑不是正品')).toBe('quality:-');
    expect(tags('怀疑是假货')).toBe('quality:-');
  });
});

describe('tagAspects: clauses', () => {
  it('质量不错，就是物流太慢 → quality:+ and logistics:-', () => {
    expect(tags('质量不错，就是物流太慢')).toBe('logistics:-;quality:+');
  });

  it('contrast words start a clause even without punctuation', () => {
    expect(tags('价格便宜但是质量一般')).toBe('quality:-;price:+');
  });

  it('a complaint wins over praise for the same aspect', () => {
    expect(tags('屏幕很清晰，但是电池续航太短')).toBe('usage:-');
    expect(tags('质量不错，就是有点起球')).toBe('quality:-');
  });

  it('cues joined by 和 share their sentiment; a topic in one clause takes the next clause’s', () => {
    expect(tags('质量和做工都很好')).toBe('quality:+');
    expect(tags('物流方面，非常快')).toBe('logistics:+');
  });

  it('lists several aspects in ASPECT_IDS order', () => {
    expect(tags('价格实惠，质量很好，物流也快')).toBe('logistics:+;quality:+;price:+');
  });

  it('a hypothetical clause reports nothing', () => {
    expect(tags('如果质量有问题就退货')).toBe('');
  });
});

describe('tagAspects: the judgement rules of ASPECTS.md', () => {
  it('no aspect for a review that names none', () => {
    expect(tagAspects('很好，下次还来')).toEqual([]);
    expect(tagAspects('不错，挺满意的')).toEqual([]);
    expect(tagAspects('')).toEqual([]);
  });

  it('what a book says gets no aspect; the physical book is quality', () => {
    expect(tags('这本书内容很无聊，作者写得太差')).toBe('');
    expect(tags('书的纸张很差，还有缺页')).toBe('quality:-');
  });

  it('fruit too small is quality, not size; clothes too small is size', () => {
    expect(tags('苹果个头太小了')).toBe('quality:-');
    expect(tags('裤子太小了，穿不上')).toBe('size:-');
  });

  it('a bad smell is quality for clothes and taste for food or cosmetics', () => {
    expect(tags('衣服有股异味')).toBe('quality:-');
    expect(tags('洗发水有股刺鼻的异味')).toBe('taste:-');
  });

  it('courier behaviour is logistics, even when called 服务', () => {
    expect(tags('快递员态度很差，不给送上楼')).toBe('logistics:-');
    expect(tags('快递送到了小区门口，服务太差')).toBe('logistics:-');
  });

  it('crashes are quality; slowness, heat and battery are usage', () => {
    expect(tags('用了三天就死机，开不了机')).toBe('quality:-');
    expect(tags('电脑运行很慢，发热也大')).toBe('usage:-');
    expect(tags('电池不耐用')).toBe('usage:-');
  });

  it('installation fees are price; installers behaving badly are service', () => {
    expect(tags('安装费太贵了')).toBe('price:-');
    expect(tags('安装师傅态度很差')).toBe('service:-');
  });

  it('a price drop after purchase and value-for-money complaints are price', () => {
    expect(tags('刚买就降价了，郁闷')).toBe('price:-');
    expect(tags('性价比太低了')).toBe('price:-');
  });

  it('fruit that arrived frozen is both damage and taste', () => {
    expect(tags('水果收到时冻坏了')).toBe('damage:-;taste:-');
  });

  it('claim against reality is a mismatch', () => {
    expect(tags('标的是500毫升，实际只有400')).toBe('mismatch:-');
  });
});

describe('formatAspects / parseAspects', () => {
  it('formats in the label format of ASPECTS.md', () => {
    expect(
      formatAspects([
        { aspect: 'quality', polarity: '-' },
        { aspect: 'price', polarity: '+' },
      ]),
    ).toBe('quality:-;price:+');
    expect(formatAspects([])).toBe('');
  });

  it('parses labels, skipping empty parts, unknown aspects and bad signs', () => {
    expect(parseAspects('logistics:-;quality:+')).toEqual([
      { aspect: 'logistics', polarity: '-' },
      { aspect: 'quality', polarity: '+' },
    ]);
    expect(parseAspects('')).toEqual([]);
    expect(parseAspects(' size:- ; ;colour:-;price:?;taste')).toEqual([{ aspect: 'size', polarity: '-' }]);
  });

  const marks = fc
    .uniqueArray(fc.constantFrom(...ASPECT_IDS), { maxLength: ASPECT_IDS.length })
    .chain((aspects) =>
      fc.tuple(...aspects.map((aspect) => fc.constantFrom('+', '-').map((polarity) => ({ aspect, polarity }) as AspectMark))),
    );

  it('round-trips: parse(format(marks)) = marks and format(parse(s)) = s', () => {
    fc.assert(
      fc.property(marks, (m) => {
        const s = formatAspects(m);
        expect(parseAspects(s)).toEqual(m);
        expect(formatAspects(parseAspects(s))).toBe(s);
      }),
    );
  });

  it('tagAspects always answers each aspect at most once, in ASPECT_IDS order, in the label format', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'物流快递质量价格贵便宜不没有很好差慢，。但是屏幕味道尺码偏大客服破损'), maxLength: 40 }), (text) => {
        const got = tagAspects(text);
        const order = got.map((m) => ASPECT_IDS.indexOf(m.aspect));
        expect(order).toEqual([...new Set(order)].sort((a, b) => a - b));
        expect(parseAspects(formatAspects(got))).toEqual(got);
      }),
    );
  });
});

describe('rules by meaning (issue 19): complaints told in a sentence, not named by a word', () => {
  const complaints = (text: string, title = '') => tagAspects(text, { title }).filter((m) => m.polarity === '-').map((m) => m.aspect);
  it.each([
    // 物流: a delay with no logistics word
    ['都俩星期了，我的书长什么样还没见到呢', ['logistics']],
    ['下单5天才给我发货', ['logistics']],
    ['货物来的晚了三天，用着还行', ['logistics']],
    ['45公里走了三天', ['logistics']],
    ['不是说送货上门么？东西要自己去拿', ['logistics']],
    // …but not a buyer who only noticed late (the complaint is the features', usage)
    ['用了几天后才发现功能太差了', ['usage']],
    // 货不对板: a promise against what came
    ['说的三个，结果收到货只有两个', ['mismatch']],
    ['与他们宣称的250小时相差甚远', ['mismatch']],
    ['并没有所宣传的那样音质突出', ['mismatch']],
    ['所谓中果，最大的只有拳头大', ['mismatch']],
    // not like the same goods bought elsewhere: a suspected fake, quality (as the labels read it)
    ['跟专柜买的不一样', ['quality']],
    ['颜色不如网站上的红', ['mismatch']],
    ['明明买的是两个大果，发过来的是一大一中', ['mismatch']],
    // 货不对板: parts and gifts missing
    ['保护膜都不送，包装简陋', ['damage', 'mismatch']],
    ['盒子里没有膜，问客服不回话', ['mismatch', 'service']],
    ['没有附赠背包', ['mismatch']],
    ['说有赠品，来货什么都没有', ['mismatch']],
    // …while a gift that is there, or praise of a picture, is none
    ['赠品没有问题，很好', []],
    ['比图片好看', []],
    // extra fees: delivery charges are logistics, installation fees price (ASPECTS.md)
    ['苹果不错，唯一不足，加了6元运费', ['logistics']],
    ['还没有用，但是付了190的安装费', ['price']],
    // price: refused difference after a fall, and a sale right after buying
    ['差价不补！', ['price']],
    ['买了第二天做活动，也不提示一下', ['price']],
    // service: money not returned, an exchange refused
    ['本应是我的钱，还没有退回来', ['service']],
    ['自负邮费换号，结果没有给我换', ['service']],
  ] as const)('%s → %j', (text, want) => {
    expect(complaints(text)).toEqual(want);
  });

  it.each([
    // 货不对板 in general form: any of the shop's pictures or words, any way of saying "differs"
    ['和描述的不太一样，有点失望', ['mismatch']],
    ['跟卖家描述的完全两样', ['mismatch']],
    ['跟模特图出入很大', ['mismatch']],
    ['和卖家秀天差地别', ['mismatch']],
    // …and the same words of praise are none
    ['和描述的一样，很满意', []],
    // one thing ordered, another sent, with what tells them apart
    ['我订的是38码的，你们给我发的是40码的', ['mismatch']],
    ['买的灰色发回来不一样', ['mismatch']],
    ['型号和我下单的不一样', ['mismatch']],
    ['我订的是蓝色的，来的是绿色的', ['mismatch']],
    ['拍了三件只到了两件', ['mismatch']],
    ['十斤装的只有八斤多', ['mismatch']],
    ['寄来的颜色不对', ['mismatch']],
    ['完全不是一个款', ['mismatch']],
    // …while 发货 is the courier's, not the goods
    ['买的鞋子，发货很快', []],
    // pictures doctored, buyers misled, the claim hollow, the set sent bare
    ['别再P图了', ['mismatch']],
    ['这样宣传就是误导消费者', ['mismatch']],
    ['名不符实', ['mismatch']],
    ['电池容量虚标', ['mismatch']],
    ['买的套餐，就只给了裸机', ['mismatch']],
    // 物流: the parcel's long journey, with no logistics word
    ['从下单到收货整整用了九天', ['logistics']],
    ['到手已经是第五天了', ['logistics']],
    ['一直显示在途中', ['logistics']],
    ['在中转站躺了四天', ['logistics']],
    ['两个星期了还在路上', ['logistics']],
    // …but two days from order to door is no complaint
    ['下单到收货用了两天，很快', []],
  ] as const)('%s → %j', (text, want) => {
    expect(complaints(text)).toEqual(want);
  });

  it.each([
    // 货不对板: a claim against what came, in general form; a gift asked after; the shop's name questioned
    ['标称3000毫安，实际才2000', ['mismatch']],
    ['说是羊毛的，摸着就是化纤', ['mismatch', 'quality']], // 化纤 is a named fault of its own (quality)
    ['不是说送鼠标吗', ['mismatch']],
    ['这么小也叫大果？', ['mismatch']],
    ['分量明显不够', ['mismatch']],
    ['净重不到标的一半', ['mismatch']],
    ['赠品没到', ['mismatch']],
    // …while 送货上门 asked after is the courier's, and a rhetorical 也算 no claim
    ['不是说送货上门吗', ['logistics']],
    ['这也算好评？', []],
    // 破损: broken when it came; the packing left out; thrown about until broken
    ['收到的时候屏幕就是裂的', ['damage']],
    ['连个纸箱都没有', ['damage']],
    ['箱子湿透了', ['damage']],
    ['快递暴力运输，东西都摔坏了', ['logistics', 'damage']],
    // a post about a brand (抵制, 公关, 微博…): no aspect, but for a named contamination
    ['坚决抵制，公关再厉害也没用，问题太多', []],
    ['抵制！不想吃虫子', ['quality']],
  ] as const)('%s → %j', (text, want) => {
    expect(complaints(text)).toEqual(want);
  });

  it.each([
    // what came, told after what was bought; a claim the goods belie; misled by pictures; parts kept back
    ['买的是白色衬衫！卖家给我邮寄过来的是米色衬衫', '', ['mismatch']],
    ['我要红色的 给我粉色的', '', ['mismatch']],
    ['说是厚款 然而却那么的薄', '', ['mismatch']],
    ['这是纯棉的？', '', ['mismatch']],
    ['大家别被配图骗了', '', ['mismatch']],
    ['充电器被克扣了', '', ['mismatch']],
    ['屏幕不是显示2K的吗？', '', ['mismatch']],
    ['承诺不实', '', ['mismatch']],
    // a book's set short (only a book or a set missing is a book's 货不对板)
    ['订了3套，只收到两套', '正版图书', ['mismatch']],
    // the price jumped; cloth stiff; a size far off; wax on fruit
    ['价格从99一下子跳到129', '', ['price']],
    ['面料好硬', '衣服', ['quality']],
    ['L码那么大', '衣服', ['size']],
    ['袖子长了4厘米', '衣服', ['size']],
    ['苹果外面打了一层蜡', '', ['quality']],
    // a device's memory short; a picture not clear (said of a cue before it, that cue's)
    ['内存不足', '平板电脑', ['usage']],
    ['屏幕不清晰', '平板电脑', ['usage']],
    ['印刷不清晰', '正版图书', ['quality']],
  ] as const)('%s (%s) → %j', (text, title, want) => {
    expect(complaints(text, title)).toEqual(want);
  });

  it.each([
    // 客服: service by a bot, a request left or refused, a promise not kept, a manner of speaking
    ['找客服一直是机器人', ['service']],
    ['申请退货到现在也没人处理', ['service']],
    ['退款被驳回了', ['service']],
    ['说给我补寄，一直没寄', ['service']],
    ['售后说不在保修范围', ['service']],
    ['客服说话很冲', ['service']],
    ['只退了一半', ['service']],
    ['安装师傅放鸽子', ['service']],
    ['问了三次都没有回音', ['service']],
  ] as const)('%s → %j', (text, want) => {
    expect(complaints(text)).toEqual(want);
  });

  it.each([
    ['送我的鼠标垫呢？', '', ['mismatch']],
    ['没有收到怎么显示已签收？', '', ['logistics']],
    ['还能再慢点吗', '衣服', ['logistics']],
    ['10个橙子，4个有伤', '新鲜水果', ['damage']],
    ['没有伤，很新鲜', '新鲜水果', []],
    ['刚付款就变成99了', '', ['price']],
    ['申请价保被拒绝', '', ['service']],
    ['货都没送过来', '', ['logistics']],
    ['投诉了一直没处理', '', ['service']],
    ['全是恶意广告', '平板电脑', ['usage']],
    ['数据线容易断', '手机', ['quality']],
  ] as const)('%s (%s) → %j', (text, title, want) => {
    expect(complaints(text, title)).toEqual(want);
  });

  it.each([
    ['我买黑色给我发一台白色', '手机', ['mismatch']],
    ['装箱单上有的，收货时没有', '', ['mismatch']],
    ['东西都没收到就让我评价', '', ['logistics']],
    ['赠品都没收到', '', ['mismatch']],
    ['同城要6天收到货', '', ['logistics']],
    ['要2天就收到了', '', []],
    ['活动一过立马变成129了', '', ['price']],
    ['比标注的尺码大得多', '衣服', ['size']],
    ['袖子一长一短', '衣服', ['quality']],
  ] as const)('%s (%s) → %j', (text, title, want) => {
    expect(complaints(text, title)).toEqual(want);
  });

  it.each([
    ['杭州到杭州用了九天', '', ['logistics']],
    ['买3瓶承诺送小样。收到的却只有洗发水', '', ['mismatch']],
    ['下单显示899，付款居然扣了999', '', ['price']],
    ['说好的8G内存，现在只有4G', '', ['mismatch']],
    ['还没收到就降价', '', ['price']],
    ['比618的价格还低', '', ['price']],
    ['退货申请杳无音信', '', ['service']],
    ['外包装像是打开过', '', ['damage']],
    ['下单是梨，收到的是几个苹果', '', ['mismatch']],
    ['屏幕两边翘起来', '平板电脑', ['quality']],
    ['玩一会就超热', '平板电脑', ['usage']],
  ] as const)('%s (%s) → %j', (text, title, want) => {
    expect(complaints(text, title)).toEqual(want);
  });

  it.each([
    // a negator is of its own verb, not of what follows 就 (不签收就不给验货: no praise of the courier)
    ['不签收就不给验货', '', ['logistics']],
    ['没到货就降价了', '', ['price']],
    ['膜发过来是被折过的', '', ['damage']],
    ['安装费要到200', '', ['price']],
    ['没看到送的鼠标', '', ['mismatch']],
    ['待机没有达到宣传的10天', '手机', ['mismatch']],
    ['才买的三天就差五十', '', ['price']],
    ['充电口有些松', '手机', ['quality']],
    ['屏幕出现一道竖线', '手机', ['quality']],
    ['看久了眼睛疼', '平板电脑', ['usage']],
  ] as const)('%s (%s) → %j', (text, title, want) => {
    expect(complaints(text, title)).toEqual(want);
  });

  it.each([
    // what the buyer expected (以为…) is no report; the fact after it is
    ['本来以为洗完会缩水，没想到一点也没有', '衣服', []],
    ['以为会很快，结果等了一个星期', '', ['logistics']],
    // a question to be tried (卡不卡, 脆不脆), a claim still to be proven (有待验证), questions answered: no complaint
    ['不知道玩游戏卡不卡', '平板电脑', []],
    ['脆不脆我不知道', '新鲜水果', []],
    ['耐用性有待验证', '', []],
    ['客服解答了好多问题', '', []],
    // 个头大小合适 is the fruit's size praised, not 个头大 + 小; 一分价钱一分货 is no quality complaint
    ['个头大小合适，一次吃一个正好', '新鲜水果', []],
    ['一分价钱一分货，确实有点小贵', '新鲜水果', ['price']],
    // a book is not worn: its 厚 or its characters' 身材 are no size
    ['书确实是厚了些，书里的人物身材高大', '正版图书', []],
  ] as const)('%s (%s) → %j', (text, title, want) => {
    expect(complaints(text, title)).toEqual(want);
  });

  // 大小合适 is praise of what 大小 means for the goods: clothes' size, fruit's quality (as the 大小 cue).
  it.each([
    ['裤子大小合适', '男士休闲裤', 'size:+'],
    ['大小刚好', '连衣裙', 'size:+'],
    ['大小刚好，很甜', '赣南脐橙 5斤', 'quality:+;taste:+'],
  ] as const)('%s (%s) → %s', (text, title, want) => {
    expect(formatAspects(tagAspects(text, { title }))).toBe(want);
  });

  it.each([
    // a book's value told of its content is no price; its price is
    ['写得很一般，完全没有价值，不值得买', '正版图书', []],
    ['内容不错，就是太贵了', '正版图书', ['price']],
    ['不值那么多钱', '正版图书', ['price']],
    // pages left out are the book's make, not damage on the way
    ['书很好看，可是竟然漏了十几页', '正版图书', ['quality']],
  ] as const)('%s (%s) → %j', (text, title, want) => {
    expect(complaints(text, title)).toEqual(want);
  });

  it.each([
    // idioms whose characters are aspect words are none
    ['老板霸气侧漏', []],
    ['脑子进水了才买', []],
    ['新包装换汤不换药', []],
    ['辛酸，五味杂陈', []],
  ] as const)('%s → %j', (text, want) => {
    expect(complaints(text)).toEqual(want);
  });

  it('the goods called bad in general beside a mismatch or a usage complaint are no second, quality complaint', () => {
    expect(complaints('跟图片完全不一样，东西太差了')).toEqual(['mismatch']);
    expect(complaints('手机太卡了，机器太差了', '手机')).toEqual(['usage']);
    // a named fault stays
    expect(complaints('跟图片完全不一样，做工也很差')).toEqual(['mismatch', 'quality']);
    // and the goods called bad alone are quality, as before
    expect(complaints('东西太差了')).toEqual(['quality']);
  });

  it('couriers by name: their service is logistics (顺丰态度差)', () => {
    expect(complaints('顺丰态度太差了')).toEqual(['logistics']);
    expect(complaints('德邦送货服务很差')).toEqual(['logistics']);
  });

  it('the item\'s title says what the product is when the review does not', () => {
    expect(complaints('打开好几个都坏了')).toEqual(['quality']);
    expect(complaints('打开好几个都坏了', '烟台红富士苹果 新鲜水果 5斤')).toEqual(['taste']);
    // a phone titled with 苹果 is no fruit
    expect(complaints('打开好几个都坏了', 'Apple/苹果 iPhone 15 手机')).toEqual(['quality']);
    expect(complaints('苹果不大', '新鲜水果')).toEqual(['quality']);
    // a book's 老板 and 态度 are in its story, not the shop's service
    expect(complaints('书中的老板很差劲，看得生气', '正版图书')).toEqual([]);
    expect(complaints('书中的老板很差劲，看得生气')).toEqual(['service']);
  });
});
