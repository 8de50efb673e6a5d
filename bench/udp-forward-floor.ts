// The floor under bench:sfu's `sfuCpuMicrosPerPacket` on this machine: a process that does
// nothing but receive UDP datagrams on loopback and send each on to another socket, optionally
// decrypting and re-encrypting it with AES-128-GCM through node:crypto, as the SFU does without its
// native SRTP module (media/native/srtp.c), at the packet rate bench:sfu forwards at 12 sessions.
// The traffic is shaped as bench:sfu's: as many sockets as the SFU's 24 peers use, each paired
// with a peer socket in another process that sends to it and receives what it forwards to its
// counterpart, and packets sent on a 1 ms tick as bench:sfu's generator sends them. Whatever the
// SFU on node:crypto's path spends above this is its own. One JSON line.
//   npm run bench:udp-floor      (BENCH_SECONDS=8 BENCH_PPS=2640 BENCH_PAYLOAD_BYTES=900 BENCH_SOCKETS=24 BENCH_TICK_MS=1)
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
/** bench:sfu's generator sends whatever is due every millisecond; 10 gives bursts ten times the size. */
const tickMs = Number(process.env.BENCH_TICK_MS ?? 1);
const LOCALHOST = "127.0.0.1";

type Result = { mode: string; sockets: number; forwardedPps: number; cpuMicrosPerPacket: number; systemMicrosPerPacket: number };

if (process.argv[2] === "forwarder") await runForwarder(process.argv[3] === "gcm", Number(process.argv[4]));
else await runBench();

/** The parent: starts a forwarder process per mode, sends through it, and reads its CPU. */
async function runBench() {
  const results: Result[] = [];
  for (const mode of ["plain", "gcm"]) for (const sockets of [1, socketCount]) results.push(await measure(mode, sockets));
  console.log(JSON.stringify({ pps, payloadBytes, seconds, tickMs, results }));
}

async function measure(mode: string, sockets: number): Promise<Result> {
  // The peers' sockets: peer i sends to the forwarder's socket i and receives what the forwarder
  // takes from its counterpart (i xor 1), as the two peers of a two-way session do.
  const peers = await Promise.all(
    Array.from({ length: sockets }, async () => {
      const peer = dgram.createSocket("udp4");
      peer.bind(0, LOCALHOST);
      await once(peer, "listening");
      return peer;
    }),
  );
  const forwarder = fork(new URL(import.meta.url), ["forwarder", mode, String(sockets)], { execArgv: [...MEDIA_PROCESS_NODE_FLAGS], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const [ports] = (await once(forwarder, "message")) as [number[]];
  forwarder.send({ peerPorts: peers.map((peer) => peer.address().port) });
  const datagram = randomBytes(12 + payloadBytes + 16);
  // What is due by the clock, not per tick: a timer that fires late must not lower the rate.
  const startedAt = performance.now();
  let sent = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - startedAt) * pps) / 1_000);
    for (; sent < due; sent++) peers[sent % sockets]!.send(datagram, ports[sent % sockets]!, LOCALHOST);
  }, tickMs);
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
  for (const peer of peers) peer.close();
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

/**
 * The child: forwards each datagram received on socket i out of socket i xor 1 to that socket's
 * peer, as the SFU sends a party's media to its counterpart on the counterpart's transport,
 * decrypting and re-encrypting it in "gcm" mode.
 */
async function runForwarder(gcm: boolean, sockets: number) {
  const key = createSecretKey(randomBytes(16));
  const iv = Buffer.alloc(12);
  let peerPorts: number[] = [];
  let forwarded = 0;
  const bound: dgram.Socket[] = await Promise.all(
    Array.from({ length: sockets }, async (_, i) => {
      const socket = dgram.createSocket("udp4");
      socket.bind(0, LOCALHOST);
      await once(socket, "listening");
      const counterpart = sockets === 1 ? 0 : i ^ 1;
      socket.on("message", (data: Buffer) => forward(counterpart, data));
      return socket;
    }),
  );
  const forward = (to: number, data: Buffer) => {
    const port = peerPorts[to];
    if (port === undefined) return;
    const socket = bound[to]!;
    if (!gcm) {
      socket.send(data, port, LOCALHOST);
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
      socket.send([Buffer.from(header), encrypted, cipher.getAuthTag()], port, LOCALHOST);
    }
    forwarded++;
  };
  process.on("message", (message: unknown) => {
    if (typeof message === "object" && message !== null && "peerPorts" in message) peerPorts = (message as { peerPorts: number[] }).peerPorts;
    else process.send?.({ cpu: process.cpuUsage(), forwarded, at: performance.now() });
  });
  process.on("disconnect", () => process.exit(0));
  process.send?.(bound.map((socket) => socket.address().port));
}
