// No zod here: elements name visitors without carrying the schemas.

/**
 * What an anonymous customer is called until they give a name: a trait, a colour and an animal picked from their id
 * ("Calm Jade Heron"; 4,096 names, so a busy inbox rarely shows two alike), readable, the same on every screen, and in
 * the reader's language (沉静翡翠鹭). The backend stores nothing: the name follows from the id.
 */
const WORDS = {
  en: {
    traits: 'Bold Brave Bright Calm Clever Gentle Happy Kind Lively Lucky Merry Noble Quiet Swift Warm Wise',
    colours: 'Amber Azure Coral Crimson Golden Indigo Ivory Jade Lilac Olive Pearl Ruby Sage Silver Teal Violet',
    animals: 'Crane Deer Dolphin Falcon Fox Heron Koala Lark Lynx Otter Panda Robin Seal Swan Tiger Whale',
    join: ' ',
  },
  zh: {
    traits: '勇敢 无畏 明亮 沉静 聪慧 温和 快乐 友善 活泼 幸运 欢喜 高贵 安静 敏捷 温暖 睿智',
    colours: '琥珀 蔚蓝 珊瑚 绯红 金色 靛青 象牙 翡翠 丁香 橄榄 珍珠 宝石 青瓷 银色 青碧 紫罗兰',
    animals: '鹤 鹿 海豚 隼 狐狸 鹭 考拉 云雀 猞猁 水獭 熊猫 知更鸟 海豹 天鹅 老虎 鲸',
    join: '',
  },
} as const;

/** Three small numbers from the id's first hex digits (a uuid's are random). */
function picks(id: string): [number, number, number] {
  const hex = id.replace(/[^0-9a-f]/gi, '');
  const digit = (index: number) => parseInt(hex[index] ?? '0', 16);
  return [digit(0), digit(1), digit(2)];
}

/** The generated name of the customer with this id, in `lang` (Chinese for `zh*`, English otherwise). */
export function visitorName(id: string, lang = 'en'): string {
  const words = lang.toLowerCase().startsWith('zh') ? WORDS.zh : WORDS.en;
  const [trait, colour, animal] = picks(id);
  return [words.traits, words.colours, words.animals]
    .map((list, index) => list.split(' ')[[trait, colour, animal][index]!])
    .join(words.join);
}

/** A customer's name as a reader in `lang` sees it: their own, or their generated one in the reader's language. */
export function customerName(customer: { id: string; name: string }, lang: string): string {
  return customer.name === visitorName(customer.id) ? visitorName(customer.id, lang) : customer.name;
}
