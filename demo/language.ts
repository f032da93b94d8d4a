// The demo pages in English (as written in their HTML) or Chinese: `?lang=zh-CN`, else the browser's language. The
// kit's elements follow the page's `lang` on their own; this translates the pages' own words.

const ZH: Record<string, string> = {
  'title.product': 'Acme 茶叶 — 西湖龙井',
  'title.teas': 'Acme 茶叶 — 我们的茶',
  'title.portal': 'Acme 茶叶 — 员工门户',
  brand: 'Acme 茶叶',
  'brand.portal': 'Acme 茶叶 · 员工门户',
  'nav.teas': '我们的茶',
  'nav.portal': '员工门户',
  'nav.longjing': '西湖龙井',
  'nav.site': '公司网站',
  'longjing.title': '西湖龙井，250 克',
  'longjing.lead': '杭州西湖群山的手工炒制绿茶，采于早春头几天。',
  'longjing.harvest': '采摘：2026 年 4 月，狮峰村',
  'longjing.brew': '冲泡：80 °C，3 克配 150 毫升水，2 分钟',
  'longjing.ships': '上海发货，2 天送达',
  'longjing.questions': '对这款茶、批发订单或配送有疑问？给我们留言——消息会送到销售团队，下次回来对话仍在。',
  advisor: '您的茶叶顾问',
  sandbox: '沙盒支付：在二维码打开的页面上用测试卡 4242 4242 4242 4242 付款。',
  'launcher.product': '咨询这款茶',
  'launcher.advisor': '咨询茶叶顾问',
  'signIn.title': '登录员工门户',
  'signIn.lead': 'Acme 茶叶 · 客户对话、订单与团队',
  'signIn.devBadge': '开发登录',
  'signIn.devNote': '无需密码，仅供在本机试用演示。NODE_ENV=production 时后端会关闭它。',
  'signIn.as': '登录身份',
  'signIn.submit': '登录',
  signOut: '退出登录',
  signedInAs: '已登录：{name}。',
  signInWith: '使用 {name} 登录',
  signInFailed: '登录失败。',
  noSso: '{corp} 尚未设置单点登录；管理员可在设置中配置，或通过 API 为员工登录（POST /api/v1/sessions/employee）。',
  'playbook.title': '销售手册',
  'playbook.site': '我们的茶',
  'playbook.siteAbout': '客户看到的公司网站',
  'playbook.cards': '沙盒测试卡',
  'playbook.cardsAbout': '4242 4242 4242 4242 付款成功；4000 0000 0000 0002 被拒',
};

const EN: Record<string, string> = {
  signedInAs: 'Signed in as {name}.',
  signInWith: 'Sign in with {name}',
  signInFailed: 'The sign-in failed.',
  noSso:
    '{corp} has no single sign-on set up; its admin sets one in the settings, or signs employees in through the API (POST /api/v1/sessions/employee).',
  'playbook.title': 'Sales playbook',
  'playbook.site': 'Our teas',
  'playbook.siteAbout': 'The company site, as customers see it',
  'playbook.cards': 'Sandbox test cards',
  'playbook.cardsAbout': '4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined',
};

const asked = new URLSearchParams(location.search).get('lang');
export const lang = (asked ?? navigator.language).toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';

/** A string of the demo's own in the page's language, `{name}` style placeholders filled. */
export function t(key: string, values: Record<string, string> = {}): string {
  const text = (lang === 'zh-CN' ? ZH[key] : undefined) ?? EN[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}

/** Puts the page in its language: `lang` on the document (the kit's elements follow it), its own words translated. */
export function applyLanguage(): void {
  document.documentElement.lang = lang;
  if (lang === 'zh-CN') {
    for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]'))
      element.textContent = ZH[element.dataset.i18n!] ?? element.textContent;
    for (const element of document.querySelectorAll<HTMLElement>('[data-i18n-label]'))
      element.setAttribute('label', ZH[element.dataset.i18nLabel!] ?? element.getAttribute('label') ?? '');
  }
  // The other language, one click away.
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-language-switch]')) {
    const other = lang === 'zh-CN' ? 'en' : 'zh-CN';
    const url = new URL(location.href);
    url.searchParams.set('lang', other);
    link.href = url.href;
    link.textContent = other === 'zh-CN' ? '中文' : 'English';
    link.lang = other;
  }
}
