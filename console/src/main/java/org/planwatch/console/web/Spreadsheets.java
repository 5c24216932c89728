package org.planwatch.console.web;

import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The .xlsx downloads of the console (the plan grid, the evaluation report): one sheet, a header row, then the rows. */
final class Spreadsheets {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Spreadsheets() {
    }

    /**
     * A download of one sheet; a {@link Number} cell is numeric (a BigDecimal keeps the digits the
     * service gave), null is left empty, anything else is text.
     */
    static Response xlsx(String fileName, String sheetName, List<String> header, List<List<Object>> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(sheetName);
            Row headerRow = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                headerRow.createCell(i).setCellValue(header.get(i));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<Object> values = rows.get(r);
                for (int i = 0; i < values.size(); i++) {
                    Object value = values.get(i);
                    if (value != null) {
                        Cell cell = row.createCell(i);
                        if (value instanceof Number number) {
                            cell.setCellValue(number.doubleValue());
                        } else {
                            cell.setCellValue(value.toString());
                        }
                    }
                }
            }
            sheet.createFreezePane(0, 1);
            workbook.write(out);
            return Response.ok(out.toByteArray()).type(XLSX)
                    .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the workbook", e);
        }
    }
}
