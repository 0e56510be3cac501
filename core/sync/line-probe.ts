// Is the line up? A TCP connection to the hub's port: no request, no bytes
// of payload, so probing every half minute costs the commune nothing.
import net from 'node:net';

export function probeHub(hubUrl: string, timeoutMs = 5000): Promise<boolean> {
  const url = new URL(hubUrl);
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
