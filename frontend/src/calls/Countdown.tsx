import { useTranslation } from "react-i18next";
import { formatRemaining } from "../i18n/format";
import { useServerNow } from "./serverClock";

export interface CountdownProps {
  opensAt: string;
  deadlineAt: string;
  /** `Query.serverTime` from the same response as the call. */
  serverTime: string;
  /** When that response arrived, by the browser's clock (ms). */
  receivedAt: number;
}

/** Time left before the opening or the deadline, counted on the server's clock. */
export function Countdown({ opensAt, deadlineAt, serverTime, receivedAt }: CountdownProps) {
  const { t, i18n } = useTranslation();
  const now = useServerNow(serverTime, receivedAt);
  const opens = Date.parse(opensAt);
  const deadline = Date.parse(deadlineAt);

  const text =
    now < opens
      ? t("call.countdownOpensIn", { remaining: formatRemaining(opens - now, i18n.language) })
      : now < deadline
        ? t("call.countdown", { remaining: formatRemaining(deadline - now, i18n.language) })
        : t("call.closed");

  // role="timer": read on demand, not announced at every tick.
  return (
    <p role="timer" className="fr-text--lead" data-testid="countdown">
      {text}
    </p>
  );
}
