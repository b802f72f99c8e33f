// Runs one benchmark module: it exports `bench<Name>(print)`, which calls print once per case.
const name = process.argv[2];
const fn = `bench${name.charAt(0).toUpperCase()}${name.slice(1)}`;
const mod = (await import(`./${name}.ts`)) as Record<string, (print: (o: object) => void) => Promise<void>>;
if (typeof mod[fn] !== 'function') {
  console.error(`tests/bench/${name}.ts exports no ${fn}()`);
  process.exit(2);
}
await mod[fn]((o) => console.log(JSON.stringify(o)));
