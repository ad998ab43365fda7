import cluster from 'node:cluster';
import { openEdgeResources, startWebhooks } from './edge/edge.ts';
import { loadGatewayEnv } from './env.ts';
import { startGateway } from './server.ts';

const env = loadGatewayEnv();

// One worker per core; the workers share the listening socket. The primary
// runs the webhook machinery (queueing and sending) once for all of them.
if (cluster.isPrimary && env.GATEWAY_WORKERS > 1) {
  const resources = await openEdgeResources(env, 'gateway-webhooks');
  const webhooks = await startWebhooks(env, resources);
  for (let i = 0; i < env.GATEWAY_WORKERS; i += 1) cluster.fork();
  let stopping = false;
  cluster.on('exit', (worker, code) => {
    if (!stopping && code !== 0) {
      console.error(`gateway worker ${worker.process.pid} exited (${code}); starting another`);
      cluster.fork();
    }
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    void webhooks?.stop().then(() => resources?.close());
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let listening = 0;
  cluster.on('listening', () => {
    listening += 1;
    if (listening === env.GATEWAY_WORKERS) console.log(`gateway ready at http://${env.HOST}:${env.PORT}/graphql (${env.GATEWAY_WORKERS} workers)`);
  });
} else {
  const gateway = await startGateway(env, { webhooks: cluster.isPrimary });
  if (cluster.isPrimary) console.log(`gateway ready at ${gateway.url}`);
  const shutdown = async () => {
    await gateway.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
