// The words of every power alarm, in both languages: what happened and what the operator should
// do now. APC PowerChute tells you the UPS is on battery; we also tell the duty officer the next step.
import type { AlarmCode, AlarmSeverity, PowerState, PowerText } from '../contract/power';
import type { Candidate } from './state-machine';
import type { Condition } from './verdict';

export interface AlarmWords {
  severity: AlarmSeverity;
  message: PowerText;
  action: PowerText;
}

// Tables by power state, shaped like the renderer's colour classes (panels/power/state-look.ts) on
// purpose: a different fact (an alarm's severity and code, not how a state looks).
export const STATE_SEVERITY: Record<PowerState, AlarmSeverity> = {
  MAINS: 'info',
  ON_GENERATOR: 'warning',
  UNKNOWN: 'warning',
  ON_BATTERY: 'critical',
  LOW_BATTERY: 'critical',
};

export const STATE_CODE: Record<PowerState, AlarmCode> = {
  MAINS: 'STATE_MAINS',
  ON_GENERATOR: 'STATE_ON_GENERATOR',
  UNKNOWN: 'STATE_UNKNOWN',
  ON_BATTERY: 'STATE_ON_BATTERY',
  LOW_BATTERY: 'STATE_LOW_BATTERY',
};

function names(c: Candidate): string {
  return c.deciding.map((v) => v.name).join('、') || '—';
}

function minutes(m: number | null): { zh: string; en: string } {
  if (m === null) return { zh: '未知', en: 'unknown' };
  const v = m < 10 ? m.toFixed(1) : Math.round(m).toString();
  return { zh: `${v} 分钟`, en: `${v} min` };
}

/** Why the state is what it is, naming the sources that decide it. */
export function stateReason(c: Candidate): PowerText {
  const n = names(c);
  const namesEn = c.deciding.map((v) => v.name).join(', ') || '—';
  switch (c.state) {
    case 'MAINS':
      return c.deciding.length > 0 ? { zh: '所有电源均报告市电供电', en: 'Every source reports mains power' } : { zh: '市电供电', en: 'On mains' };
    case 'ON_GENERATOR':
      return { zh: `${n} 报告发电机供电`, en: `${namesEn} report(s) generator power` };
    case 'ON_BATTERY':
      return { zh: `${n} 由电池供电`, en: `${namesEn} on battery` };
    case 'LOW_BATTERY':
      return { zh: `${n} 电池电量低`, en: `${namesEn} battery low` };
    case 'UNKNOWN':
      if (c.deciding.length === 0) return { zh: '未配置电源监测，供电状态未知', en: 'No power source is configured: the supply is unknown' };
      if (c.silent) return { zh: `${n} 正在启动，等待首个状态`, en: `${namesEn} starting, waiting for the first status` };
      return {
        zh: `无法读取 ${n}：${c.deciding.map((v) => v.detail ?? '无数据').join('；')}`,
        en: `Cannot read ${namesEn}: ${c.deciding.map((v) => v.detail ?? 'no data').join('; ')}`,
      };
  }
}

export function stateAlarmWords(c: Candidate, runtimeMinutes: number | null, fuelPercent: number | null): AlarmWords {
  const n = names(c);
  const namesEn = c.deciding.map((v) => v.name).join(', ') || '—';
  const rt = minutes(runtimeMinutes);
  const severity = STATE_SEVERITY[c.state];
  switch (c.state) {
    case 'ON_BATTERY':
      return {
        severity,
        message: { zh: `市电中断：${n} 由电池供电，剩余约 ${rt.zh}`, en: `Mains lost: ${namesEn} on battery, about ${rt.en} left` },
        action: {
          zh: '立即启动备用发电机或调度应急发电车接入；报告值班领导；关闭非必要负载，盯住剩余时间。',
          en: 'Start the standby generator or call in the generator truck now; report to the duty leader; shed non-essential loads and watch the time left.',
        },
      };
    case 'LOW_BATTERY':
      return {
        severity,
        message: { zh: `电池电量低：${n} 剩余约 ${rt.zh}`, en: `Battery low: ${namesEn}, about ${rt.en} left` },
        action: {
          zh: '立即保存工作，按预案有序关闭非关键设备；确认发电机或发电车正在接入；准备转移至备用指挥场所。',
          en: 'Save work and shut down non-critical equipment per the plan now; confirm the generator or truck is being connected; prepare to move to the backup command post.',
        },
      };
    case 'ON_GENERATOR':
      return {
        severity,
        message: {
          zh: `发电机供电：${n}${fuelPercent === null ? '' : `，燃油 ${Math.round(fuelPercent)}%`}`,
          en: `On generator: ${namesEn}${fuelPercent === null ? '' : `, fuel ${Math.round(fuelPercent)} %`}`,
        },
        action: {
          zh: '核对燃油余量并安排补给，记录启机时间；向供电部门了解市电恢复时间。',
          en: 'Check the fuel left and arrange refuelling, log the start time; ask the utility when mains will return.',
        },
      };
    case 'MAINS':
      return {
        severity,
        message: { zh: '市电供电正常', en: 'On mains power' },
        action: {
          zh: '确认各 UPS 已转入充电；发电机按规程冷却后停机，并记录运行时长。',
          en: 'Check that the UPS units are charging; let the generator cool down and stop it per procedure, and log its run time.',
        },
      };
    case 'UNKNOWN': {
      const reason = stateReason(c);
      return {
        severity,
        message: { zh: `供电状态未知：${reason.zh}`, en: `Power state unknown: ${reason.en}` },
        action: {
          zh: '检查监测链路（网络、upsd、SNMP 卡、发电机控制器）；派人到配电室现场确认供电状态。',
          en: 'Check the monitoring links (network, upsd, SNMP card, generator controller); send someone to the switch room to confirm the supply on site.',
        },
      };
    }
  }
}

export function conditionAlarmWords(
  c: Condition,
  source: string,
  r: { fuelPercent: number | null; fuelHours: number | null; loadPercent: number | null },
): AlarmWords {
  const what = c.what;
  switch (c.code) {
    case 'FUEL_LOW': {
      const fuel = r.fuelPercent === null ? '?' : Math.round(r.fuelPercent).toString();
      const hours = r.fuelHours === null ? null : r.fuelHours.toFixed(1);
      return {
        severity: c.severity,
        message: {
          zh: `燃油不足：${source} 剩余 ${fuel}%${hours ? `（约 ${hours} 小时）` : ''}`,
          en: `Fuel low: ${source} at ${fuel} %${hours ? ` (about ${hours} h)` : ''}`,
        },
        action: { zh: '立即安排加油或调度应急发电车；评估是否减载。', en: 'Arrange refuelling or dispatch the generator truck now; consider shedding load.' },
      };
    }
    case 'GENERATOR_FAULT':
      return {
        severity: c.severity,
        message: { zh: `发电机故障：${source}：${what?.zh ?? ''}`, en: `Generator fault: ${source}: ${what?.en ?? ''}` },
        action: {
          zh: '派人到发电机现场检查并复位；必要时调度应急发电车。',
          en: 'Send someone to the generator to check and reset it; dispatch the generator truck if needed.',
        },
      };
    case 'UPS_OVERLOAD':
      return {
        severity: c.severity,
        message: {
          zh: `UPS 过载：${source}${r.loadPercent === null ? '' : ` 负载 ${Math.round(r.loadPercent)}%`}`,
          en: `UPS overload: ${source}${r.loadPercent === null ? '' : ` at ${Math.round(r.loadPercent)} % load`}`,
        },
        action: { zh: '关闭非必要设备以降低负载。', en: 'Switch off non-essential equipment to bring the load down.' },
      };
    case 'UPS_REPLACE_BATTERY':
      return {
        severity: c.severity,
        message: { zh: `UPS 电池需更换：${source}`, en: `UPS battery needs replacing: ${source}` },
        action: {
          zh: '通知运维更换电池；停电时实际可用时间可能低于显示值。',
          en: 'Ask maintenance to replace the battery; in an outage the real runtime may be below the figure shown.',
        },
      };
    case 'UPS_ON_BYPASS':
      return {
        severity: c.severity,
        message: { zh: `UPS 旁路运行：${source}，负载不受保护`, en: `UPS on bypass: ${source}, the load is unprotected` },
        action: { zh: '通知运维检查 UPS 并恢复在线模式。', en: 'Ask maintenance to check the UPS and return it to online mode.' },
      };
    default:
      return {
        severity: c.severity,
        message: { zh: `UPS 告警：${source}（${what?.zh ?? ''}）`, en: `UPS alarm: ${source} (${what?.en ?? ''})` },
        action: { zh: '查看 UPS 面板或管理卡上的告警详情，并通知运维。', en: 'Read the alarm on the UPS panel or its management card and inform maintenance.' },
      };
  }
}
