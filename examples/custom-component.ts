// A custom component declared once and used twice: every team's logs get the same processing
// (JSON parsing, a level label, a tenant) and go to the same Loki, each under its own tenant.
import { argument, comment, config, declare, loki, type LogsReceiver } from "alloyc";

const teamLogs = declare(
  "team_logs",
  {
    forward_to: argument<readonly LogsReceiver[]>({ comment: "Where the processed logs go." }),
    tenant: argument<string>({ comment: "Loki tenant of the team." }),
    level_field: argument<string>({ optional: true, default: "level", comment: "JSON field holding the log level." }),
  },
  (args) => {
    const process = loki.process("default", {
      stage: [
        loki.stage.json({ expressions: { level: args.level_field } }),
        loki.stage.labels({ values: { level: "" } }),
        loki.stage.tenant({ value: args.tenant }),
      ],
      forward_to: args.forward_to,
    });
    return { body: [process], exports: { receiver: process.receiver } };
  },
);

const write = loki.write("default", {
  endpoint: { url: "http://loki-gateway.loki/loki/api/v1/push" },
});

const checkout = teamLogs("checkout", { forward_to: [write.receiver], tenant: "checkout" });
const payments = teamLogs("payments", { forward_to: [write.receiver], tenant: "payments", level_field: "severity" });

const api = loki.source.api("apps", {
  http: { listen_address: "0.0.0.0", listen_port: 3500 },
  forward_to: [checkout.receiver],
});

const syslog = loki.source.syslog("payments", {
  listener: [{ address: "0.0.0.0:1514", labels: { component: "payments" } }],
  forward_to: [payments.receiver],
});

export default config(
  comment("One pipeline per team, declared once"),
  teamLogs,
  write,
  checkout,
  payments,
  comment("Sources"),
  api,
  syslog,
);
