package org.phrhub.fhirserver.fhir;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Has PostgreSQL's driver send a batch of inserts into one table as multi-row inserts
 * ({@code reWriteBatchedInserts}), where it otherwise sends one statement per row: an import writes some fifteen
 * index rows per resource into a dozen tables, and PostgreSQL's time per row was most of what storing a new
 * resource cost. It changes no result, only how many statements carry the rows.
 */
final class BatchedInserts implements BeanPostProcessor {

    static final String PROPERTY = "reWriteBatchedInserts";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:postgresql:")
                && !pool.getDataSourceProperties().containsKey(PROPERTY)) {
            pool.addDataSourceProperty(PROPERTY, "true");
        }
        return bean;
    }
}
