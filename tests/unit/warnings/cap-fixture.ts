// CAP 1.2 documents as Guangdong's release system sends them (shared by unit and e2e tests).
export interface CapFixture {
  identifier: string;
  event: string;
  headline?: string;
  sent?: string;
  expires?: string;
  msgType?: 'Alert' | 'Update' | 'Cancel';
  status?: 'Actual' | 'Exercise' | 'Test';
  severity?: 'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown';
  sender?: string;
}

export function capXml(f: CapFixture): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${f.identifier}</identifier>
  <sender>${f.sender ?? 'gz.weather@12379.cn'}</sender>
  <sent>${f.sent ?? '2025-06-01T08:30:00+08:00'}</sent>
  <status>${f.status ?? 'Actual'}</status>
  <msgType>${f.msgType ?? 'Alert'}</msgType>
  <scope>Public</scope>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>${f.event}</event>
    <urgency>Immediate</urgency>
    <severity>${f.severity ?? 'Unknown'}</severity>
    <certainty>Likely</certainty>
    ${f.expires ? `<expires>${f.expires}</expires>` : ''}
    <senderName>广州市气象台</senderName>
    <headline>${f.headline ?? `广州市气象台发布${f.event}`}</headline>
    <description>预计未来3小时越秀区将出现强降水，请注意防御 &amp; 做好准备。</description>
    <instruction>1. 政府及相关部门按照职责做好防暴雨应急工作；2. 切断低洼地带有危险的室外电源。</instruction>
    <area><areaDesc>广州市越秀区</areaDesc><geocode><valueName>GB/T 2260</valueName><value>440104</value></geocode></area>
  </info>
</alert>
`;
}
