package dev.nst.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.Shape;
import dev.nst.core.port.out.Tensor;
import dev.nst.core.port.out.TensorScope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwningScopeTest {

    /** Tensors that count how often they are freed. */
    private static final class Counted implements Tensor {
        private final Shape shape;
        private final OwningScope owner;
        int frees;
        float[] written;

        Counted(Shape shape, OwningScope owner) {
            this.shape = shape;
            this.owner = owner;
        }

        @Override
        public Shape shape() {
            return shape;
        }

        @Override
        public float[] toArray() {
            return written;
        }

        @Override
        public void close() {
            frees++;
            owner.released(this);
        }
    }

    private final List<Counted> made = new ArrayList<>();
    private final OwningScope session = new OwningScope(new OwningScope.Allocation() {
        @Override
        public Tensor allocate(Shape shape, boolean zeroed, OwningScope owner) {
            Counted tensor = new Counted(shape, owner);
            made.add(tensor);
            return tensor;
        }

        @Override
        public void write(Tensor tensor, float[] values) {
            ((Counted) tensor).written = values.clone();
        }
    }) {
    };

    @Test
    void closingAScopeFreesItsTensorsAndItsScopesOnceEach() {
        Tensor kept = session.zeros(new Shape(1, 1, 1));
        TensorScope stage = session.openScope();
        stage.zeros(new Shape(1, 2, 2));
        TensorScope tile = stage.openScope();
        tile.upload(new Shape(1, 1, 2), new float[] {1, 2});
        Tensor early = stage.zeros(new Shape(1, 1, 3));
        early.close();

        assertThat(session.liveTensors()).isEqualTo(3);
        stage.close();
        stage.close();

        assertThat(made).extracting(t -> t.frees).containsExactly(0, 1, 1, 1);
        assertThat(session.liveTensors()).isEqualTo(1);
        assertThat(kept.toArray()).isNull();
        session.close();
        assertThat(made.get(0).frees).isEqualTo(1);
        assertThat(session.liveTensors()).isZero();
    }

    @Test
    void aClosedScopeAllocatesNothing() {
        TensorScope stage = session.openScope();
        stage.close();

        assertThatThrownBy(() -> stage.zeros(new Shape(1, 1, 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(stage::openScope).isInstanceOf(IllegalStateException.class);
        assertThat(made).isEmpty();
    }

    @Test
    void uploadChecksTheValueCountAndWritesTheValues() {
        assertThatThrownBy(() -> session.upload(new Shape(1, 2, 2), new float[3]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(session.upload(new Shape(1, 1, 2), new float[] {4, 5}).toArray()).containsExactly(4, 5);
    }
}
