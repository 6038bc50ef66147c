package dev.backprop.spark;

import dev.backprop.backend.Backends;
import dev.backprop.loss.Loss;
import dev.backprop.nn.ModelSpec;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.spi.Backend;
import dev.backprop.train.GradientSum;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model replicas of one executor JVM, one per training run and partition, kept from step to step
 * so a step only uploads parameters. At most {@link #CAPACITY} live; the least recently used is closed.
 */
final class WorkerModels {

    static final int CAPACITY = 64;

    private static final Map<String, Replica> REPLICAS = new LinkedHashMap<>(16, 0.75f, true);

    private WorkerModels() {
    }

    /** A model, its loss and gradient sum, and batch buffers; used by one task at a time. */
    static final class Replica implements AutoCloseable {
        final Sequential model;
        final Loss loss;
        final GradientSum gradients;
        double[] features = new double[0];
        double[] targets = new double[0];
        /** Set under the replica's lock when it is evicted; a task that finds it set asks for a new one. */
        boolean closed;

        Replica(ModelSpec spec, String lossId, String backendName) {
            Backend backend = backendName != null ? Backends.get(backendName) : Backends.get();
            this.model = Sequential.of(spec, backend);
            this.loss = Loss.parse(lossId);
            this.gradients = new GradientSum(model, loss);
        }

        /** Sets every parameter from {@code parameters}, laid out as {@link GradientSum} lays out gradients. */
        void upload(double[] parameters) {
            int offset = 0;
            for (Parameter p : model.parameters()) {
                model.backend().upload(parameters, offset, p.value());
                offset += Math.toIntExact(p.value().size());
            }
        }

        /** Every parameter, flat. */
        double[] download() {
            double[] flat = new double[Math.toIntExact(model.parameterCount())];
            int offset = 0;
            for (Parameter p : model.parameters()) {
                model.backend().download(p.value(), flat, offset);
                offset += Math.toIntExact(p.value().size());
            }
            return flat;
        }

        @Override
        public void close() {
            closed = true;
            gradients.close();
            loss.close();
            model.close();
        }
    }

    /** The replica of {@code training}'s partition {@code partition}, built on first use. */
    static synchronized Replica get(String training, int partition, ModelSpec spec, String lossId,
            String backendName) {
        String key = training + "/" + partition;
        Replica replica = REPLICAS.get(key);
        if (replica == null) {
            replica = new Replica(spec, lossId, backendName);
            REPLICAS.put(key, replica);
            if (REPLICAS.size() > CAPACITY) {
                Iterator<Replica> eldest = REPLICAS.values().iterator();
                Replica old = eldest.next();
                eldest.remove();
                synchronized (old) {
                    old.close();
                }
            }
        }
        return replica;
    }

    /** Closes every replica of {@code training} in this JVM. */
    static synchronized void release(String training) {
        for (Iterator<Map.Entry<String, Replica>> it = REPLICAS.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Replica> entry = it.next();
            if (entry.getKey().startsWith(training + "/")) {
                it.remove();
                synchronized (entry.getValue()) {
                    entry.getValue().close();
                }
            }
        }
    }
}
