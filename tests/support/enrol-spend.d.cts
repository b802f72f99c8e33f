// Types of enrol-spend.cjs (plain CommonJS so that every runner loads it and it runs as a process without a loader).
export interface Enrolled {
  machine: { id: string; kind: string; street: string | null; name: string };
  credential: string;
}

/** POST /enrol at the hub (any address of it: its origin is used); {machine, credential}, or throws with the hub's answer. */
export function spendEnrolCode(hub: string, code: string, name: string): Promise<Enrolled>;
