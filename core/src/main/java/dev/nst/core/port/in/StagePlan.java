package dev.nst.core.port.in;

/**
 * What one stage of a transfer will run with and need.
 *
 * @param size                longer side of the stage's image
 * @param width               the stage's image width
 * @param height              the stage's image height
 * @param iterations          its iterations
 * @param tileSize            the interior of the tiles the network runs on, or 0 for the whole image at once
 * @param tiles               how many tiles (1 for the whole image)
 * @param tileWidth           width the network reads per tile, halo included (the image's width when whole)
 * @param tileHeight          height the network reads per tile, halo included
 * @param styleTileSize       the interior of the tiles the style images are run on, or 0 for whole
 * @param lbfgsHistory        L-BFGS correction pairs kept (0 for Adam)
 * @param peakHostBytes       peak memory of the process on the host during the stage
 * @param peakDeviceBytes     peak memory on the backend's device during the stage (0 where tensors live on the host)
 * @param secondsPerIteration estimated wall time of one iteration on the backend; NaN where a plan that does not fit
 *                            was not timed
 */
public record StagePlan(int size, int width, int height, int iterations, int tileSize, int tiles, int tileWidth,
                        int tileHeight, int styleTileSize, int lbfgsHistory, long peakHostBytes, long peakDeviceBytes,
                        double secondsPerIteration) {

    /** Whether the network runs on tiles in this stage. */
    public boolean tiled() {
        return tileSize > 0;
    }
}
