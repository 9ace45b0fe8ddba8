package org.fedoraproject.pdcupdater.reconcile;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.fedoraproject.pdcupdater.handler.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every handler its scheduled audit: one route per handler from the {@code handler-audit}
 * template in {@code routes/reconcile.camel.yaml}, with the handler's own cron
 * ({@code reconcile.audit.<name>.cron}, else {@code reconcile.audit.cron}; empty or {@code off}
 * means no scheduled audit) and repair flag ({@code reconcile.audit.<name>.repair}, else
 * {@code reconcile.audit.repair}). Handlers are found in the registry once everything started,
 * so a new handler gets its audit without touching this file.
 */
public class AuditSchedules implements StartupListener {

    public static final String TEMPLATE = "handler-audit";
    private static final Logger LOG = LoggerFactory.getLogger(AuditSchedules.class);


    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        AuditRunStore runs = context.getRegistry().lookupByNameAndType("auditRuns", AuditRunStore.class);
        AuditMetrics metrics = context.getRegistry().lookupByNameAndType("auditMetrics", AuditMetrics.class);
        for (Handler handler : Handlers.all(context)) {
            runs.last(handler.name()).filter(r -> !r.failed())
                    .ifPresent(r -> metrics.lastRun(handler.name(), r.remaining()));
        }
        if (((ModelCamelContext) context).getRouteTemplateDefinition(TEMPLATE) == null) {
            LOG.debug("No {} route template loaded: no scheduled audits", TEMPLATE);
            return;
        }
        for (Handler handler : Handlers.all(context)) {
            String name = handler.name();
            String cron = setting(context, "reconcile.audit." + name + ".cron", "reconcile.audit.cron");
            if (cron.isBlank() || cron.equalsIgnoreCase("off")) {
                LOG.info("No scheduled audit for {}", name);
                continue;
            }
            String repair = setting(context, "reconcile.audit." + name + ".repair", "reconcile.audit.repair");
            String routeId = "audit-" + name;
            if (context.getRoute(routeId) != null) {
                continue;
            }
            TemplatedRouteBuilder.builder(context, TEMPLATE).routeId(routeId)
                    .parameter("name", name).parameter("cron", cron)
                    .parameter("repair", String.valueOf(Boolean.parseBoolean(repair.strip())))
                    .add();
            LOG.info("Scheduled audit of {}: cron '{}', repair {}", name, cron, repair);
        }
    }

    private static String setting(CamelContext context, String key, String fallbackKey) {
        return context.getPropertiesComponent().resolveProperty(key)
                .or(() -> context.getPropertiesComponent().resolveProperty(fallbackKey)).orElse("").strip();
    }
}
