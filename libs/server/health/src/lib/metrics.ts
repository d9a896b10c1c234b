import { Counter, Histogram, collectDefaultMetrics, register } from 'prom-client';

collectDefaultMetrics({ prefix: 'throughline_' });

export const webhooksReceived = new Counter({
  name: 'throughline_webhooks_received_total',
  help: 'Webhook deliveries by provider and outcome (accepted, duplicate, rejected_signature, invalid, unknown_connector)',
  labelNames: ['provider', 'outcome'] as const,
});

export const httpRequestDuration = new Histogram({
  name: 'throughline_http_request_duration_seconds',
  help: 'HTTP request duration by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

export const metricsRegistry = register;
