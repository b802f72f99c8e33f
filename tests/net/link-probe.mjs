// When a link passes packets both ways again, as the kernel has it: a recovery is measured from
// a fault's clearing, and this tells how much of it was the network's own (13–299 ms here after
// `ip link set up` or `iptables -D`, median about 30 ms) and how much the consultation's. Run
// inside a namespace (`ip netns exec NS node link-probe.mjs …`):
//   echo ADDR PORT                 answers every datagram on ADDR:PORT with itself (the district);
//   probe SRC DST PORT TIMEOUT_MS  from SRC, sends a datagram to DST:PORT every 5 ms; prints
//                                  "ready" once its socket is bound, then the epoch ms at which the
//                                  first datagram that came back was sent (or "none") and exits.
import { createSocket } from 'node:dgram';

const [mode, ...args] = process.argv.slice(2);
const now = () => performance.timeOrigin + performance.now();

if (mode === 'echo') {
  const [addr, port] = args;
  const s = createSocket('udp4');
  s.on('message', (m, from) => s.send(m, from.port, from.address));
  s.bind(Number(port), addr);
} else if (mode === 'probe') {
  const [src, dst, port, timeoutMs] = args;
  const s = createSocket('udp4');
  const done = (line) => {
    process.stdout.write(`${line}\n`);
    process.exit(0);
  };
  // Sending on a link whose interface is down fails: that is the fault, not the probe's.
  s.on('error', () => undefined);
  s.on('message', (m) => done(String(Number(m.toString()))));
  s.bind(0, src, () => {
    process.stdout.write('ready\n');
    const send = () => s.send(String(now()), Number(port), dst, () => undefined);
    send();
    setInterval(send, 5);
    setTimeout(() => done('none'), Number(timeoutMs));
  });
} else {
  process.stderr.write('usage: link-probe.mjs echo ADDR PORT | probe SRC DST PORT TIMEOUT_MS\n');
  process.exit(2);
}
