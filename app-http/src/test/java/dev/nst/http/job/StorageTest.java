package dev.nst.http.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A job is accepted only where its result can be kept, and a disk that fills up during a job fails that job with a
 * reason the client understands, while the service goes on.
 */
class StorageTest extends JobServiceTest {

    private TransferJobs jobs(JobStore store) {
        TransferJobs jobs = new TransferJobs(() -> transfers, false, store,
                new JobSettings(1, 4, dir, Duration.ofHours(1), Duration.ofSeconds(9), Duration.ZERO),
                Clock.systemUTC());
        return opened(jobs);
    }

    @Test
    void aDiskWithoutRoomForTheResultRefusesTheJobAs503WithoutNamingTheFolder() {
        TransferJobs jobs = jobs(new JobStore(dir, JSON, Long.MAX_VALUE / 2));

        assertThatThrownBy(() -> jobs.submit(FakeTransfers.command(1), "random:0"))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessage("the server's storage is full; try again later")
                .satisfies(e -> assertThat(((StorageUnavailableException) e).retryAfter()).hasSeconds(9));
        assertThat(jobs.load().queued()).isZero();
    }

    @Test
    void aFolderThatCannotBeWrittenRefusesTheJob() throws IOException {
        Path folder = dir.resolve("jobs");
        TransferJobs jobs = jobs(new JobStore(folder, JSON));
        // the folder is replaced by a file: nothing can be created in it (root ignores permissions, not this)
        Files.delete(folder);
        Files.writeString(folder, "not a folder");

        assertThatThrownBy(() -> jobs.submit(FakeTransfers.command(1), "random:0"))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageStartingWith("the server cannot store results now (its data folder cannot be written)")
                .message().doesNotContain(dir.toString());
    }

    @Test
    void aDiskThatFillsUpDuringAJobFailsThatJobAndTheNextOneRuns() throws InterruptedException {
        JobStore fillsUpOnce = new JobStore(dir, JSON) {
            private boolean full = true;

            @Override
            void saveResult(String id, byte[] png) throws IOException {
                if (full) {
                    full = false;
                    throw new FileSystemException(dir.resolve(id + ".png").toString(), null,
                            "No space left on device");
                }
                super.saveResult(id, png);
            }
        };
        TransferJobs jobs = jobs(fillsUpOnce);
        transfers.open();

        JobSnapshot first = awaitFinished(jobs, jobs.submit(FakeTransfers.command(1), "random:0").id());
        assertThat(first.status()).isEqualTo(JobStatus.FAILED);
        assertThat(first.error()).isEqualTo("the server's storage is full; the result could not be kept");

        JobSnapshot second = awaitFinished(jobs, jobs.submit(FakeTransfers.command(1), "random:0").id());
        assertThat(second.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(jobs.result(second.id())).isNotEmpty();
    }

    @Test
    void onlyNoSpaceAndQuotaCountAsAFullDisk() {
        assertThat(JobStore.isFull(new FileSystemException("/x", null, "No space left on device"))).isTrue();
        assertThat(JobStore.isFull(new IOException("Disk quota exceeded"))).isTrue();
        assertThat(JobStore.isFull(new FileSystemException("/x", null, "Read-only file system"))).isFalse();
    }

}
