package dev.nst.weights;

/** What the repository tells its user while it works: notes (an import, a fallback) and download progress. */
public interface WeightsListener {

    /** Says nothing. */
    WeightsListener SILENT = new WeightsListener() {
    };

    /** A one-line note, e.g. that a file was converted into nst's cache. */
    default void note(String message) {
    }

    /** Called as bytes arrive, and once more when the download is complete. */
    default void onDownload(DownloadProgress progress) {
    }
}
