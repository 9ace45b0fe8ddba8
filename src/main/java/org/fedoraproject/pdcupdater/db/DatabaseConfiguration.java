package org.fedoraproject.pdcupdater.db;

import javax.sql.DataSource;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/** Binds the one {@link DataSource} that every store of the service shares. */
@Configuration
public class DatabaseConfiguration implements CamelConfiguration {

    @PropertyInject("db.url")
    private String url;
    @PropertyInject(value = "db.user", defaultValue = "")
    private String user;
    @PropertyInject(value = "db.password", defaultValue = "")
    private String password;
    @PropertyInject(value = "db.password-file", defaultValue = "")
    private String passwordFile;
    @PropertyInject(value = "db.pool-size", defaultValue = "8")
    private int poolSize;

    private DataSource dataSource;

    /** One pool per service: camel-main may ask for the bean more than once while binding the others. */
    @BindToRegistry(value = "dataSource", destroyMethod = "close")
    public synchronized DataSource dataSource() {
        if (dataSource == null) {
            dataSource = Database.open(new DatabaseSettings(url, user, password, passwordFile, poolSize));
        }
        return dataSource;
    }

    @BindToRegistry("databaseHealthCheck")
    public DatabaseHealthCheck databaseHealthCheck(DataSource dataSource) {
        return new DatabaseHealthCheck(dataSource);
    }
}
