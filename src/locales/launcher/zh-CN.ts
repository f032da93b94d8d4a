import type { LauncherTerms } from './en.js';

/** 简体中文 */
const zhCN: LauncherTerms = {
  connecting: '正在连接…',
  contactSales: '联系销售',
  unreadCount: (count) => `${count} 条未读消息`,
};
export default zhCN;
