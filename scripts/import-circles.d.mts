// Types of import-circles.mjs, for the unit test that imports it.
export const ROOT: string;
export const SOURCES: string[];
export function sourceFiles(dir: string): string[];
export function importGraph(files: string[]): Map<string, string[]>;
export function circles(graph: Map<string, string[]>): string[][];
export function projectCircles(): string[][];
