/**
 * Node flags for every process whose main work is forwarding media: a media worker, and the SFU
 * of `npm run bench:sfu`.
 *
 * Most of what the SFU allocates per packet is Node's own: a send request per datagram, and
 * without the native SRTP module (media/native/srtp.c) a cipher object and its output for each
 * decryption and encryption. Each scavenge then pauses the process for time that grows with how
 * much died since the last one, and every packet arriving during a pause waits it out. A young
 * generation of 4 MB instead of V8's default (which grows to 32 MB here) gives many pauses of
 * about 2 ms instead of a few of 10–20 ms: on `bench:sfu`, the added p99 at 12 sessions fell
 * from 4–8 ms to about 2 ms, with the total time collecting about the same (see
 * docs/decisions.md, "The SFU's own forwarding path").
 *
 * Those scavenges run on the process's own thread (`--single-threaded-gc`). V8 would hand each to
 * helper threads, one per core, whose start and synchronisation cost more than a 4 MB scavenge
 * gains, and which take cores from the other media workers (one per core) and from everything else
 * on the machine: on `bench:sfu` at 12 sessions the SFU spent about a tenth less CPU per packet,
 * with the added p99 unchanged.
 */
export const MEDIA_PROCESS_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=4", "--single-threaded-gc"];
