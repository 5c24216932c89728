package org.planwatch.ingest.upload;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;

/**
 * The first sheet of an .xlsx workbook. POI's user model reads the whole workbook into memory,
 * which is why xlsx uploads have a smaller size limit than CSV (see {@code planwatch.upload.max-xlsx-bytes}).
 */
final class XlsxTableSource implements TableSource {

    private final Iterator<Row> rows;
    private final String sheetName;

    XlsxTableSource(InputStream body) {
        XSSFWorkbook workbook;
        try {
            workbook = new XSSFWorkbook(body);
        } catch (IOException | POIXMLException | IllegalArgumentException | IllegalStateException e) {
            // POI reports a broken or foreign container (NotOfficeXmlFileException is an IllegalArgumentException)
            // with several unchecked exceptions; each is the sender's fault, not the service's.
            throw ProblemException.invalid("the body is not a readable .xlsx workbook: " + e.getMessage(),
                    List.of(Violation.ofField("", "not an .xlsx file")));
        }
        if (workbook.getNumberOfSheets() == 0) {
            throw ProblemException.invalid("the workbook has no sheet", List.of(Violation.ofField("", "no sheet")));
        }
        Sheet sheet = workbook.getSheetAt(0);
        this.sheetName = sheet.getSheetName();
        this.rows = sheet.iterator();
    }

    @Override
    public Optional<TableRow> next() {
        if (!rows.hasNext()) {
            return Optional.empty();
        }
        Row row = rows.next();
        List<String> cells = new ArrayList<>();
        Set<Integer> formulas = new HashSet<>();
        for (int column = 0; column < Math.max(row.getLastCellNum(), 0); column++) {
            Cell cell = row.getCell(column);
            if (cell != null && cell.getCellType() == CellType.FORMULA) {
                formulas.add(column);
                cells.add("");
            } else {
                cells.add(text(cell));
            }
        }
        return Optional.of(new TableRow(row.getRowNum() + 1L, cells, formulas));
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getCellType()) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    // A period typed as 2024-03 becomes a date in Excel; its month is what the clerk meant.
                    LocalDateTime date = cell.getLocalDateTimeCellValue();
                    yield String.format("%04d-%02d", date.getYear(), date.getMonthValue());
                }
                yield BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            }
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            default -> "";
        };
    }

    @Override
    public String description() {
        return "xlsx, sheet '" + sheetName + "'";
    }
}
