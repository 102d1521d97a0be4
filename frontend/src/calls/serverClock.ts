import { useEffect, useState } from "react";

/**
 * The server's clock, read from its `serverTime` and the browser instant the answer arrived:
 * deadlines are judged by the server, and the device's clock may be off by minutes or days.
 */
export function serverOffset(serverTime: string, receivedAt: number): number {
  return Date.parse(serverTime) - receivedAt;
}

/** The server's current instant (ms since epoch), ticking every `intervalMs`. */
export function useServerNow(serverTime: string, receivedAt: number, intervalMs = 1_000): number {
  const offset = serverOffset(serverTime, receivedAt);
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    setNow(Date.now() + offset);
    const timer = setInterval(() => setNow(Date.now() + offset), intervalMs);
    return () => clearInterval(timer);
  }, [offset, intervalMs]);
  return now;
}
