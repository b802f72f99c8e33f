// Identity's refusals of who the caller is (RpcCode.Unauthorized: a wrong password or code, an
// ended session), said in both languages as RefusedError says a rule's: "zh (en)" in the message,
// { zh, en } in data.text for the page (shared/error-text.ts). The code stays Unauthorized, which
// the page reads as "sign in again".
import { RpcCode, RpcError, type Bilingual } from '../contract/errors';

export function unauthorized(text: Bilingual, data?: Record<string, unknown>): RpcError {
  return new RpcError(RpcCode.Unauthorized, `${text.zh} (${text.en})`, { ...data, text });
}
