package dev.nst.cuda.internal;

import dev.nst.cuda.AlgorithmChoice;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The convolution algorithms chosen so far on one device, by direction and shape: cuDNN measures each shape once
 * ({@code cudnnFind...}), however many networks, plans and sessions use it.
 */
final class AlgorithmCache {

    enum Direction { FORWARD, BACKWARD_DATA }

    /** A 3x3 convolution, stride 1, padding 1, on a {@code 1 x in x height x width} input. */
    record Key(Direction direction, int in, int out, int height, int width) {
    }

    private final Map<Key, AlgorithmChoice.Choice> chosen = new ConcurrentHashMap<>();

    AlgorithmChoice.Choice get(Key key, Supplier<AlgorithmChoice.Choice> search) {
        AlgorithmChoice.Choice choice = chosen.get(key);
        if (choice == null) {
            choice = search.get();
            chosen.put(key, choice);
        }
        return choice;
    }
}
