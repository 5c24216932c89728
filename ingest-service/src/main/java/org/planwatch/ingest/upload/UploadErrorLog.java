package org.planwatch.ingest.upload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.planwatch.platform.problem.Violation;

/**
 * Keeps each file upload's summary and every rejected row, so a clerk can download the errors as
 * CSV after the answer; plain JDBC batches because a bad file can have 200,000 of them.
 */
@ApplicationScoped
public class UploadErrorLog {

    private final DataSource dataSource;
    private final Clock clock;

    public UploadErrorLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** One upload's summary as stored. */
    public record UploadSummary(UUID id, String format, int received, int accepted, int rejected, boolean stored,
            String uploadedBy) {
    }

    /** An upload's rejected rows and who uploaded it (null for uploads from before tokens were required). */
    public record UploadErrors(String uploadedBy, List<Violation> errors) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(UploadSummary summary, List<Violation> rejected) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement upload = connection.prepareStatement(
                    "insert into upload (id, format, received, accepted, rejected, stored, received_at, uploaded_by) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                upload.setObject(1, summary.id());
                upload.setString(2, summary.format());
                upload.setInt(3, summary.received());
                upload.setInt(4, summary.accepted());
                upload.setInt(5, summary.rejected());
                upload.setBoolean(6, summary.stored());
                upload.setTimestamp(7, Timestamp.from(Instant.now(clock)));
                upload.setString(8, summary.uploadedBy());
                upload.executeUpdate();
            }
            try (PreparedStatement error = connection.prepareStatement(
                    "insert into upload_error (upload_id, seq, row_number, column_name, message) values (?, ?, ?, ?, ?)")) {
                int seq = 0;
                for (Violation violation : rejected) {
                    error.setObject(1, summary.id());
                    error.setInt(2, seq++);
                    if (violation.row() == null) {
                        error.setNull(3, Types.BIGINT);
                    } else {
                        error.setLong(3, violation.row());
                    }
                    error.setString(4, violation.column());
                    error.setString(5, violation.message());
                    error.addBatch();
                    if (seq % 1_000 == 0) {
                        error.executeBatch();
                    }
                }
                error.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the errors of upload " + summary.id(), e);
        }
    }

    /** The rejected rows of an upload in file order and its uploader, or empty when there is no such upload. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UploadErrors> errors(UUID id) {
        try (Connection connection = dataSource.getConnection()) {
            String uploadedBy;
            try (PreparedStatement exists = connection.prepareStatement("select uploaded_by from upload where id = ?")) {
                exists.setObject(1, id);
                try (ResultSet found = exists.executeQuery()) {
                    if (!found.next()) {
                        return Optional.empty();
                    }
                    uploadedBy = found.getString(1);
                }
            }
            List<Violation> errors = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select row_number, column_name, message from upload_error where upload_id = ? order by seq")) {
                select.setObject(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long row = rows.getLong(1);
                        errors.add(new Violation(null, rows.wasNull() ? null : row, rows.getString(2), rows.getString(3)));
                    }
                }
            }
            return Optional.of(new UploadErrors(uploadedBy, errors));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the errors of upload " + id, e);
        }
    }
}
