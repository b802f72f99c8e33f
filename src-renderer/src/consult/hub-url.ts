// The district hub's JSON-RPC URL on one link, from the centre configuration's hubUrl.
// Accepts what an operator types: "http://10.1.1.1:4310", "10.1.1.1:4310", "ws://…/rpc?token=…".

export function hubRpcUrl(hubUrl: string): string | null {
  const text = hubUrl.trim();
  if (text === '') return null;
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return null;
  }
  if (u.protocol === 'http:') u.protocol = 'ws:';
  else if (u.protocol === 'https:') u.protocol = 'wss:';
  else if (u.protocol !== 'ws:' && u.protocol !== 'wss:') return null;
  if (u.pathname === '' || u.pathname === '/') u.pathname = '/rpc';
  u.hash = '';
  return u.toString();
}
