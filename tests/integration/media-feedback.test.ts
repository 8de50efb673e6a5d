import { RtcpRrPacket, RtcpSrPacket } from "werift";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMediaServer } from "../../media/media-server.ts";
import { KEYFRAME_REQUEST_INTERVAL_MS } from "../../media/request-keyframe.ts";
import { createMediaHarness, TEST_SECRET, waitFor } from "../fixtures/media-test-peer.ts";

let media: ReturnType<typeof createMediaHarness>;
beforeEach(() => {
  media = createMediaHarness((onEvent) => createMediaServer({ secretKey: TEST_SECRET, onEvent }));
});
afterEach(async () => {
  await media.dispose();
});

async function startCall() {
  const provider = await media.newPeer();
  await media.connect(provider, "provider");
  const video = await media.pump(provider, "video");
  await waitFor(() => video.written() >= 30, "the provider to send video for a while");
  expect(provider.keyframeRequests()).toBe(0);
  const customer = await media.newPeer();
  await media.connect(customer, "customer");
  await waitFor(() => customer.received.video.length >= 10, "the customer to receive video");
  return { provider, customer };
}

describe("media feedback", () => {
  it("asks the provider for a keyframe when the customer joins mid-stream", async () => {
    const { provider } = await startCall();
    await waitFor(() => provider.keyframeRequests() >= 1, "a PLI at the provider");
  });

  it("passes the customer's PLI and FIR on to the provider as PLIs", async () => {
    const { provider, customer } = await startCall();
    await waitFor(() => provider.keyframeRequests() >= 1, "the PLI for the join");

    const beforePli = provider.keyframeRequests();
    await customer.sendPli();
    await waitFor(() => provider.keyframeRequests() > beforePli, "the customer's PLI at the provider");

    const beforeFir = provider.keyframeRequests();
    await customer.sendFir();
    await waitFor(() => provider.keyframeRequests() > beforeFir, "the customer's FIR at the provider");
  });

  it("merges a burst of keyframe requests into at most two PLIs", async () => {
    const { provider, customer } = await startCall();
    await waitFor(() => provider.keyframeRequests() >= 1, "the PLI for the join");
    const before = provider.keyframeRequests();
    await Promise.all(Array.from({ length: 10 }, () => customer.sendPli()));
    await waitFor(() => provider.keyframeRequests() > before, "a PLI for the burst");
    // A negative check needs time to pass: one whole window and then some for the trailing PLI.
    await new Promise((resolve) => setTimeout(resolve, 3 * KEYFRAME_REQUEST_INTERVAL_MS));
    expect(provider.keyframeRequests() - before).toBeLessThanOrEqual(2);
  });

  it("retransmits video the customer reports lost from the SFU's own send buffer", async () => {
    const { customer } = await startCall();
    await waitFor(() => customer.received.video.length >= 20, "some video at the customer");
    const lost = customer.received.video.at(-5)!.header.sequenceNumber;
    const copies = () => customer.received.video.filter((packet) => packet.header.sequenceNumber === lost).length;
    expect(copies()).toBe(1);
    await customer.sendNack([lost]);
    await waitFor(() => copies() >= 2, "the retransmitted packet at the customer");
  });

  it("asks the provider to retransmit video that never reached the SFU", async () => {
    const provider = await media.newPeer();
    await media.connect(provider, "provider");
    // Index 40 is never sent: the SFU sees a gap in the provider's sequence numbers.
    await media.pump(provider, "video", { skip: (index) => index === 40 });
    await waitFor(() => provider.nackedSequenceNumbers.includes(1_040), "a NACK for the missing packet at the provider");
    expect(provider.nackedSequenceNumbers.every((sequenceNumber) => sequenceNumber === 1_040)).toBe(true);
  });

  it("reports to each party in one compound packet about once a second: sender reports on what it sends, receiver reports on what it publishes", async () => {
    const { provider, customer } = await startCall();
    const audio = await media.pump(provider, "audio", { intervalMs: 20 });
    const forwardedVideoSsrc = () => customer.video.receiver.tracks[0]!.ssrc;
    const providerVideoSsrc = provider.video.sender.ssrc;
    const senderReportsAtCustomer = () =>
      customer.rtcpReceived.filter((packet) => packet.type === RtcpSrPacket.type && packet.ssrc === forwardedVideoSsrc()) as RtcpSrPacket[];
    const receiverReportsAtProvider = () =>
      provider.rtcpReceived
        .filter((packet) => packet.type === RtcpRrPacket.type)
        .flatMap((packet) => (packet as RtcpRrPacket).reports)
        .filter((report) => report.ssrc === providerVideoSsrc);
    await waitFor(() => senderReportsAtCustomer().length >= 1 && receiverReportsAtProvider().length >= 1, "the first reports");

    const reportsBefore = senderReportsAtCustomer().length;
    const datagramsBefore = customer.rtcpDatagrams();
    await waitFor(() => senderReportsAtCustomer().length >= reportsBefore + 4, "four more sender reports at the customer");
    // Each report interval is one datagram: sender reports for audio and video and the CNAMEs together
    // (werift alone sent each on its own timer, two to three datagrams per interval here).
    expect(customer.rtcpDatagrams() - datagramsBefore).toBeLessThanOrEqual(4 + 1);

    const lastSenderReport = senderReportsAtCustomer().at(-1)!;
    expect(lastSenderReport.senderInfo.packetCount).toBeGreaterThan(0);
    expect(lastSenderReport.senderInfo.packetCount).toBeLessThanOrEqual(customer.received.video.length + 1);
    const audioSsrc = customer.audio.receiver.tracks[0]!.ssrc;
    expect(customer.rtcpReceived.some((packet) => packet.type === RtcpSrPacket.type && packet.ssrc === audioSsrc)).toBe(true);

    const lastReceiverReport = receiverReportsAtProvider().at(-1)!;
    expect(lastReceiverReport.fractionLost).toBe(0);
    expect(lastReceiverReport.packetsLost).toBe(0);
    // The provider's stream starts at sequence number 1 000 (createRtpPacket).
    expect(lastReceiverReport.highestSequence).toBeGreaterThan(1_000 + 30);
    audio.stop();
  });
});
