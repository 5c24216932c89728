package org.planwatch.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Template;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.planwatch.console.upstream.UpstreamException;

/** Every failure becomes the error page: a clear message (a service's problem detail), never a stack trace. */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    private final Template error;

    public ErrorPages(Template error) {
        this.error = error;
    }

    @ServerExceptionMapper
    public Response upstream(UpstreamException e) {
        List<String> violations = new ArrayList<>();
        if (e.problem != null && e.problem.path("violations").isArray()) {
            for (JsonNode v : e.problem.path("violations")) {
                String where = v.hasNonNull("row") ? "第 " + v.get("row").asText() + " 行 row " + v.get("row").asText()
                        + (v.hasNonNull("column") ? ", " + v.get("column").asText() : "")
                        : v.path("field").asText("");
                violations.add((where.isEmpty() ? "" : where + ": ") + v.path("message").asText());
            }
        }
        int status = e.status >= 500 ? 502 : e.status;
        return page(status, e.service.label + " · HTTP " + e.status, e.getMessage(), violations);
    }

    @ServerExceptionMapper
    public Response console(ConsoleException e) {
        return page(e.status, null, e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = status == 404 ? "这个页面不存在 There is no such page" : status == 405
                ? "这个地址不接受这种请求 This address does not take this kind of request" : e.getMessage();
        return page(status, null, message, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("console page failed", e);
        return page(500, null, "控制台出错，已记录日志 The console failed; the error is in its log ("
                + e.getClass().getSimpleName() + ")", List.of());
    }

    private Response page(int status, String source, String message, List<String> violations) {
        String html;
        try {
            html = error.data("status", status).data("title", title(status)).data("source", source)
                    .data("message", message).data("violations", violations).render();
        } catch (RuntimeException e) {
            LOG.error("the error page failed", e);
            html = "<!DOCTYPE html><meta charset=\"utf-8\"><title>" + title(status) + "</title><h1>" + title(status)
                    + "</h1><p id=\"error-message\">" + escape(message) + "</p><p><a href=\"/\">首页 Home</a></p>";
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String title(int status) {
        return switch (status) {
            case 400, 422 -> "请求有误 The request is not valid";
            case 401 -> "请先登录 Sign in first";
            case 403 -> "无权访问 Not allowed";
            case 404 -> "未找到 Not found";
            case 409 -> "状态冲突 Conflict";
            case 413 -> "文件过大 Too large";
            case 415 -> "文件格式不支持 Unsupported format";
            case 429 -> "请求过于频繁 Too many requests";
            case 502, 503 -> "服务暂不可用 A service is not available";
            default -> "出错了 Something went wrong";
        };
    }
}
