// Errors that cross the API boundary. Codes follow JSON-RPC 2.0 so that the IPC bridge and
// the WebSocket hub report failures the same way.
export const RpcCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** A domain rule refused the request (e.g. a preset name already taken). */
  Refused: -32000,
  Unauthorized: -32001,
  /** The caller lacks the right the method needs (data: { right }), or acts as someone else. */
  Forbidden: -32003,
} as const;

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'RpcError';
  }

  toJSON(): { code: number; message: string; data?: unknown } {
    return this.data === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, data: this.data };
  }
}

/** A refusal said in both languages: Chinese first, English on the switch. */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * A domain service refuses a request that is well-formed but breaks a rule. Say it in both
 * languages (`{ zh, en }`): the page shows the one it is set to (data.text), an engineer reads
 * "zh (en)" in the message. A plain string is the old English-only form, still accepted.
 */
export class RefusedError extends RpcError {
  constructor(message: string | Bilingual, data?: unknown) {
    const text = typeof message === 'string' ? null : message;
    super(
      RpcCode.Refused,
      text ? `${text.zh} (${text.en})` : (message as string),
      text ? { ...(typeof data === 'object' && data !== null ? data : data === undefined ? {} : { detail: data }), text } : data,
    );
    this.name = 'RefusedError';
  }
}

/** The refusal's words in one language, when the hub said it in both (RefusedError with { zh, en }). */
export function refusalText(data: unknown, lang: 'zh-CN' | 'en'): string | null {
  const text = (data as { text?: Partial<Bilingual> } | null | undefined)?.text;
  const said = lang === 'en' ? text?.en : text?.zh;
  return typeof said === 'string' && said !== '' ? said : null;
}

/** Rebuilds an RpcError from its JSON form (client side of either transport). */
export function rpcErrorFrom(obj: unknown): RpcError {
  const e = (obj ?? {}) as { code?: unknown; message?: unknown; data?: unknown };
  const code = typeof e.code === 'number' ? e.code : RpcCode.InternalError;
  const message = typeof e.message === 'string' ? e.message : 'unknown error';
  return new RpcError(code, message, e.data);
}
