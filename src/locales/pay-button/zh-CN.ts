import type { PayButtonTerms } from './en.js';

/** 简体中文 */
const zhCN: PayButtonTerms = {
  buyNow: '立即购买',
  payAgain: '重试',
  payCancel: '取消支付',
  payCanceled: '支付已取消。',
  payExpired: '支付已超时。',
  payFailed: (reason) => `支付失败${reason ? `（${reason.replaceAll('_', ' ')}）` : ''}。`,
  payOpenPage: '打开支付页面',
  payPreparing: '正在创建订单…',
  payProcessing: '支付处理中…',
  payQrLabel: '支付页面二维码',
  payRefunded: '该订单已退款。',
  payScan: (amount) => `请用手机扫码支付 ${amount}`,
  paySucceeded: (amount) => `已支付 ${amount}，谢谢！`,
  payUnreachable: (reason) => `无法发起支付：${reason}`,
  paymentRequired: '请先完成支付。',
};
export default zhCN;
