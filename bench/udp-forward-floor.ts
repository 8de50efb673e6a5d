// The floor under bench:sfu's `sfuCpuMicrosPerPacket` on this machine: a process that does
// nothing but receive UDP datagrams on loopback and send each on to another socket, optionally
// decrypting and re-encrypting it with AES-128-GCM as the SFU does, at the packet rate bench:sfu
// forwards at 12 sessions, spread over as many sockets as the SFU's 24 peers use. Whatever the SFU
// spends above this is its own. One JSON line.
//   npm run bench:udp-floor      (BENCH_SECONDS=8 BENCH_PPS=2640 BENCH_PAYLOAD_BYTES=900 BENCH_SOCKETS=24)
import { fork } from "node:child_process";
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes } from "node:crypto";
import dgram from "node:dgram";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { MEDIA_PROCESS_NODE_FLAGS } from "../media/media-process-flags.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const pps = Number(process.env.BENCH_PPS ?? 2_640);
const payloadBytes = Number(process.env.BENCH_PAYLOAD_BYTES ?? 900);
const socketCount = Number(process.env.BENCH_SOCKETS ?? 24);
const LOCALHOST = "127.0.0.1";

type Result = { mode: string; sockets: number; forwardedPps: number; cpuMicrosPerPacket: number; systemMicrosPerPacket: number };

if (process.argv[2] === "forwarder") await runForwarder(process.argv[3] === "gcm", Number(process.argv[4]));
else await runBench();

/** The parent: starts a forwarder process per mode, sends through it, and reads its CPU. */
async function runBench() {
  const results: Result[] = [];
  for (const mode of ["plain", "gcm"]) for (const sockets of [1, socketCount]) results.push(await measure(mode, sockets));
  console.log(JSON.stringify({ pps, payloadBytes, seconds, results }));
}

async function measure(mode: string, sockets: number): Promise<Result> {
  const sink = dgram.createSocket("udp4");
  sink.bind(0, LOCALHOST);
  await once(sink, "listening");
  let received = 0;
  sink.on("message", () => received++);
  const forwarder = fork(new URL(import.meta.url), ["forwarder", mode, String(sockets)], { execArgv: [...MEDIA_PROCESS_NODE_FLAGS], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const [ports] = (await once(forwarder, "message")) as [number[]];
  forwarder.send({ sinkPort: sink.address().port });
  const source = dgram.createSocket("udp4");
  const datagram = randomBytes(12 + payloadBytes + 16);
  // Packets go out in bursts every 10 ms, as bench:sfu's generator paces them.
  const perTick = pps / 100;
  let owed = 0;
  let next = 0;
  const timer = setInterval(() => {
    owed += perTick;
    for (; owed >= 1; owed--) source.send(datagram, ports[next++ % ports.length]!, LOCALHOST);
  }, 10);
  const sample = async () => {
    forwarder.send("sample");
    return (await once(forwarder, "message"))[0] as { cpu: NodeJS.CpuUsage; forwarded: number; at: number };
  };
  await sleep(1_500);
  const first = await sample();
  await sleep(seconds * 1_000);
  const last = await sample();
  clearInterval(timer);
  forwarder.kill();
  source.close();
  sink.close();
  const forwarded = last.forwarded - first.forwarded;
  const cpu = last.cpu.user + last.cpu.system - first.cpu.user - first.cpu.system;
  return {
    mode,
    sockets,
    forwardedPps: Math.round((forwarded * 1_000) / (last.at - first.at)),
    cpuMicrosPerPacket: Math.round((cpu / forwarded) * 10) / 10,
    systemMicrosPerPacket: Math.round(((last.cpu.system - first.cpu.system) / forwarded) * 10) / 10,
  };
}

/** The child: forwards every datagram to the sink, decrypting and re-encrypting it in "gcm" mode. */
async function runForwarder(gcm: boolean, sockets: number) {
  const key = createSecretKey(randomBytes(16));
  const iv = Buffer.alloc(12);
  let sinkPort = 0;
  let forwarded = 0;
  const bound = await Promise.all(
    Array.from({ length: sockets }, async () => {
      const socket = dgram.createSocket("udp4");
      socket.bind(0, LOCALHOST);
      await once(socket, "listening");
      socket.on("message", (data: Buffer) => forward(socket, data));
      return socket;
    }),
  );
  const forward = (socket: dgram.Socket, data: Buffer) => {
    if (sinkPort === 0) return;
    if (!gcm) {
      socket.send(data, sinkPort, LOCALHOST);
    } else {
      // The same Node calls as the SFU's own path; the tag is not checked (the bytes are random).
      const header = data.subarray(0, 12);
      const decipher = createDecipheriv("aes-128-gcm", key, iv, { authTagLength: 16 });
      decipher.setAAD(header);
      const payload = decipher.update(data.subarray(12, data.length - 16));
      const cipher = createCipheriv("aes-128-gcm", key, iv, { authTagLength: 16 });
      cipher.setAAD(header);
      const encrypted = cipher.update(payload);
      cipher.final();
      socket.send([Buffer.from(header), encrypted, cipher.getAuthTag()], sinkPort, LOCALHOST);
    }
    forwarded++;
  };
  process.on("message", (message: unknown) => {
    if (typeof message === "object" && message !== null && "sinkPort" in message) sinkPort = (message as { sinkPort: number }).sinkPort;
    else process.send?.({ cpu: process.cpuUsage(), forwarded, at: performance.now() });
  });
  process.on("disconnect", () => process.exit(0));
  process.send?.(bound.map((socket) => socket.address().port));
}
