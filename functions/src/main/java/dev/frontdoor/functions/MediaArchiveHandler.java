package dev.frontdoor.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.frontdoor.adapter.in.sqs.MediaArchiveQueueEvent;
import dev.frontdoor.composition.Composition;
import dev.frontdoor.config.Environment;
import dev.frontdoor.json.JsonTrees;
import dev.frontdoor.lifecycle.MediaArchiveOutcome;
import dev.frontdoor.lifecycle.port.in.ArchiveMedia;
import dev.frontdoor.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Drains the media-archive queue (SQS event source, {@code ReportBatchItemFailures}): each record
 * is one inbound media message to archive ({@link ArchiveMedia}); the records to try again are
 * answered as {@code batchItemFailures}. A body that is no job is dropped and logged.
 */
public final class MediaArchiveHandler implements RequestStreamHandler {
  private static final Log LOG = Log.of(MediaArchiveHandler.class);

  private final ArchiveMedia archive;

  public MediaArchiveHandler() {
    this(Environment.system());
  }

  public MediaArchiveHandler(Environment env) {
    this(new Composition(env).archiveMedia());
  }

  public MediaArchiveHandler(ArchiveMedia archive) {
    this.archive = archive;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    List<String> retry = new ArrayList<>();
    for (MediaArchiveQueueEvent.Job job : MediaArchiveQueueEvent.decode(JsonTrees.read(input))) {
      if (job.command().isEmpty()) {
        LOG.warn("media.job_unreadable").field("message_id", job.messageId()).write();
        continue;
      }
      MediaArchiveOutcome outcome;
      try {
        outcome = archive.archive(job.command().get());
      } catch (RuntimeException e) {
        // The table or the archive failed: the job comes back after its visibility timeout.
        LOG.warn("media.job_failed").field("message_id", job.messageId()).error(e).write();
        retry.add(job.messageId());
        continue;
      }
      if (outcome.retry()) {
        retry.add(job.messageId());
      }
    }
    JsonTrees.write(MediaArchiveQueueEvent.batchItemFailures(retry), output);
  }
}
