// A ring tone made in the browser (no binary asset to ship): two short beeps of a classic
// 440 + 480 Hz ring, then silence, as a 16-bit mono WAV data URI to loop in an <audio>.

const SAMPLE_RATE = 8000;

export function createRingToneUri(): string {
  const seconds = 2;
  const samples = SAMPLE_RATE * seconds;
  const buffer = new ArrayBuffer(44 + samples * 2);
  const view = new DataView(buffer);
  const writeText = (offset: number, text: string) => [...text].forEach((char, i) => view.setUint8(offset + i, char.charCodeAt(0)));
  writeText(0, "RIFF");
  view.setUint32(4, 36 + samples * 2, true);
  writeText(8, "WAVE");
  writeText(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, SAMPLE_RATE, true);
  view.setUint32(28, SAMPLE_RATE * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  writeText(36, "data");
  view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i += 1) {
    const t = i / SAMPLE_RATE;
    const on = t < 0.4 || (t > 0.6 && t < 1.0);
    const value = on ? (Math.sin(2 * Math.PI * 440 * t) + Math.sin(2 * Math.PI * 480 * t)) * 0.25 : 0;
    view.setInt16(44 + i * 2, Math.round(value * 32767), true);
  }
  let binary = "";
  new Uint8Array(buffer).forEach((byte) => (binary += String.fromCharCode(byte)));
  return `data:audio/wav;base64,${btoa(binary)}`;
}
