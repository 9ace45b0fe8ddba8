package org.fedoraproject.pdcupdater.console.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** {@code /} sends the browser to the console; any other unknown path is a plain 404. */
public final class RootRedirect {

    private RootRedirect() {
    }

    public static ServletContextHandler create() {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.addServlet(new ServletHolder("root", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                if ("/".equals(request.getPathInfo()) || request.getPathInfo() == null) {
                    response.sendRedirect("/hawtio/");
                } else {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND);
                }
            }
        }), "/*");
        return context;
    }
}
