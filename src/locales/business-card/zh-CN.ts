import type { BusinessCardTerms } from './en.js';

/** 简体中文 */
const zhCN: BusinessCardTerms = {
  call: '拨打电话',
  cardQrLabel: (name) => `${name}的名片二维码`,
  cardUnavailable: '该名片不可用。',
  chatWith: (name) => `和 ${name} 聊聊`,
  chatWithMe: '和我聊聊',
  departed: (name) => `${name} 已离职。`,
  loading: '加载中…',
  saveContact: '保存联系人',
  sendEmail: '发邮件',
  showQr: '二维码',
  successorServes: (name) => `现在由 ${name} 为您服务。`,
  verifiedCompany: '认证企业',
};
export default zhCN;
