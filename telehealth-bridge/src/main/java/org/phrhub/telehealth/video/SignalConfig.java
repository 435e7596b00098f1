package org.phrhub.telehealth.video;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** The visits' signalling endpoint, {@code /signal/{appointmentId}}: plain WebSocket, JSON text messages. */
@Configuration
@EnableWebSocket
class SignalConfig implements WebSocketConfigurer {

    /** An SDP offer with many candidates stays well under this; anything larger is not signalling. */
    static final int MAX_MESSAGE_CHARS = 64 * 1024;

    private final SignalHandler handler;
    private final VisitAdmission admission;

    SignalConfig(SignalHandler handler, VisitAdmission admission) {
        this.handler = handler;
        this.admission = admission;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // No allowed origins are set: besides the admission's own Origin check, Spring then also insists on the same origin.
        registry.addHandler(handler, "/signal/{appointmentId}").addInterceptors(admission);
    }

    @Bean
    ServletServerContainerFactoryBean signalContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_MESSAGE_CHARS);
        return container;
    }
}
