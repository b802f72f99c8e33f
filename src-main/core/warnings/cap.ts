// CAP 1.2 alerts as Guangdong warning signals: which signal (typhoon, rainstorm, …), which colour,
// and whether the alert issues, changes or lifts it. The Chinese release system names the signal
// in <event> and <headline> ("广州市气象台发布暴雨橙色预警信号"); <severity> is the fallback for
// the colour (Extreme red, Severe orange, Moderate yellow, Minor blue).
import { MAX_TIMESTAMP } from '../contract/duty';
import { SIGNALS, SignalType, type SignalLevel } from '../contract/warnings';
import { childrenNamed, childText, descendants, parseXml, ReadError, XmlError, type XmlElement } from './xml';

export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';

export interface CapAlert {
  identifier: string;
  sender: string;
  senderName: string;
  sent: number;
  /** Actual, Exercise, System, Test, Draft. */
  status: string;
  /** Alert, Update, Cancel, Ack, Error. */
  msgType: string;
  event: string;
  headline: string;
  description: string;
  instruction: string;
  area: string;
  expires: number | null;
  type: SignalType;
  /** null for a lifting (cancel) alert that names no colour. */
  level: SignalLevel | null;
  /** The alert lifts the signal (msgType Cancel, or 解除/取消 in its event or headline). */
  lifts: boolean;
}

/** A CAP document the system cannot read (`message` in English, `zh` in Chinese). */
export class CapError extends ReadError {
  override name = 'CapError';
}

const COLOUR_WORDS: [string, SignalLevel][] = [
  ['红色', 'red'],
  ['橙色', 'orange'],
  ['黄色', 'yellow'],
  ['蓝色', 'blue'],
  ['白色', 'white'],
];
const SEVERITY: Record<string, SignalLevel> = { Extreme: 'red', Severe: 'orange', Moderate: 'yellow', Minor: 'blue' };

/** Most specific words first: 雷雨大风 before 大风, 道路结冰 before 结冰. */
const TYPE_ORDER = (SignalType.options as SignalType[])
  .filter((t) => t !== 'other')
  .flatMap((t) => SIGNALS[t].words.map((w) => ({ t, w })))
  .sort((a, b) => b.w.length - a.w.length);

export function signalTypeOf(text: string): SignalType {
  for (const { t, w } of TYPE_ORDER) if (text.includes(w)) return t;
  const lower = text.toLowerCase();
  for (const t of SignalType.options) if (t !== 'other' && lower.includes(SIGNALS[t].en.toLowerCase())) return t;
  return 'other';
}

export function signalLevelOf(text: string, severity: string): SignalLevel | null {
  for (const [w, l] of COLOUR_WORDS) if (text.includes(w)) return l;
  const lower = text.toLowerCase();
  for (const l of ['red', 'orange', 'yellow', 'blue', 'white'] as const) if (lower.includes(l)) return l;
  return SEVERITY[severity] ?? null;
}

/** CAP times are ISO 8601 with an offset, e.g. 2024-05-22T08:30:00+08:00. */
function capTime(s: string, field: string, identifier: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/.test(s))
    throw new CapError(
      `alert ${identifier}: <${field}> “${s}” is not a CAP time (YYYY-MM-DDThh:mm:ss+08:00)`,
      `预警 ${identifier}：<${field}> “${s}” 不是 CAP 时间格式（应为 YYYY-MM-DDThh:mm:ss+08:00）`,
    );
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new CapError(`alert ${identifier}: <${field}> “${s}” is not a date`, `预警 ${identifier}：<${field}> “${s}” 不是有效日期`);
  // The store keeps times from 1970 to the end of 9999 (China time); an alert outside them is not real.
  if (t < 0 || t > MAX_TIMESTAMP)
    throw new CapError(`alert ${identifier}: <${field}> “${s}” lies outside 1970–9999`, `预警 ${identifier}：<${field}> “${s}” 超出 1970–9999 年的范围`);
  return t;
}

/** The <info> to read: Chinese first (the wall's language), else the first. */
function pickInfo(alert: XmlElement): XmlElement | undefined {
  const infos = childrenNamed(alert, 'info');
  return infos.find((i) => /^zh/i.test(childText(i, 'language'))) ?? infos[0];
}

function readAlert(alert: XmlElement): CapAlert {
  if (alert.ns !== CAP_NS) {
    const hint = alert.ns.includes('cap:1.1') ? ' (this is CAP 1.1; the system reads CAP 1.2)' : '';
    throw new CapError(
      `<alert> is in namespace “${alert.ns || 'none'}”, not CAP 1.2 (${CAP_NS})${hint}`,
      `<alert> 的命名空间是“${alert.ns || '无'}”，不是 CAP 1.2（${CAP_NS}）${hint ? '：这是 CAP 1.1，本系统读取 CAP 1.2' : ''}`,
    );
  }
  const identifier = childText(alert, 'identifier');
  if (!identifier) throw new CapError('an <alert> has no <identifier>', '有一条 <alert> 没有 <identifier>（预警编号）');
  const sender = childText(alert, 'sender');
  if (!sender) throw new CapError(`alert ${identifier}: no <sender>`, `预警 ${identifier}：没有 <sender>（发布单位）`);
  const sent = capTime(childText(alert, 'sent'), 'sent', identifier);
  const status = childText(alert, 'status');
  const msgType = childText(alert, 'msgType');
  if (!['Actual', 'Exercise', 'System', 'Test', 'Draft'].includes(status))
    throw new CapError(`alert ${identifier}: <status> “${status}” is not a CAP status`, `预警 ${identifier}：<status> “${status}” 不是 CAP 规定的状态`);
  if (!['Alert', 'Update', 'Cancel', 'Ack', 'Error'].includes(msgType))
    throw new CapError(
      `alert ${identifier}: <msgType> “${msgType}” is not a CAP message type`,
      `预警 ${identifier}：<msgType> “${msgType}” 不是 CAP 规定的消息类型`,
    );
  const info = pickInfo(alert);
  if (!info) throw new CapError(`alert ${identifier}: no <info> block, so no signal to show`, `预警 ${identifier}：没有 <info> 段，无法显示预警信号`);
  const event = childText(info, 'event');
  const headline = childText(info, 'headline');
  const words = `${event} ${headline}`;
  const expiresText = childText(info, 'expires');
  return {
    identifier,
    sender,
    senderName: childText(info, 'senderName') || sender,
    sent,
    status,
    msgType,
    event,
    headline: headline || event,
    description: childText(info, 'description'),
    instruction: childText(info, 'instruction'),
    area: childrenNamed(info, 'area')
      .map((a) => childText(a, 'areaDesc'))
      .filter(Boolean)
      .join('、'),
    expires: expiresText ? capTime(expiresText, 'expires', identifier) : null,
    type: signalTypeOf(words),
    level: signalLevelOf(words, childText(info, 'severity')),
    lifts: msgType === 'Cancel' || /解除|取消/.test(words),
  };
}

/** Every CAP alert in a document: one <alert>, or a wrapper (a feed) holding several. */
export function readCap(xml: string): CapAlert[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    throw new CapError(
      `not well-formed XML: ${err instanceof XmlError ? err.message : String(err)}`,
      `不是格式正确的 XML 文件：${err instanceof XmlError ? err.zh : String(err)}`,
    );
  }
  const alerts = root.name === 'alert' ? [root] : descendants(root, 'alert');
  if (alerts.length === 0)
    throw new CapError(
      `no CAP <alert> in the document (its root is <${root.name}>)`,
      `文件中没有 CAP 预警（<alert>），其根元素是 <${root.name}>：请选择 CAP 1.2 格式的预警文件`,
    );
  return alerts.map(readAlert);
}
