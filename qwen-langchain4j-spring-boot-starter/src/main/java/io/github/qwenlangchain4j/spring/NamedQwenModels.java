package io.github.qwenlangchain4j.spring;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Registers a bean per named model in {@code langchain4j.qwen.chat-models.NAME.*} (a {@link QwenChatModel}
 * {@code NAMEChatModel} and a {@link QwenStreamingChatModel} {@code NAMEStreamingChatModel}) and
 * {@code langchain4j.qwen.embedding-models.NAME.*} (a {@link QwenEmbeddingModel} {@code NAMEEmbeddingModel}), a
 * kebab-case name becoming camelCase ({@code fast-router} gives {@code fastRouterChatModel}). The names are read
 * when the bean definitions are registered; the beans are built from {@link QwenProperties} like the default ones,
 * through static factory methods (so that Spring AOT can generate them), with the section's connection overrides.
 * When named models exist, the default model of the same type is made {@code @Primary}, so that by-type injection
 * keeps getting it; a named one is injected by its bean name ({@code @Qualifier("routerChatModel")}). A bean the
 * application defines under the same name wins.
 */
final class NamedQwenModels implements BeanDefinitionRegistryPostProcessor, EnvironmentAware, BeanClassLoaderAware {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*");
    private static final String CHAT_MODELS = QwenProperties.PREFIX + ".chat-models";
    private static final String EMBEDDING_MODELS = QwenProperties.PREFIX + ".embedding-models";
    private static final String EMBEDDING_MODEL_CLASS = "io.github.qwenlangchain4j.embedding.QwenEmbeddingModel";

    private Environment environment;
    private ClassLoader classLoader = NamedQwenModels.class.getClassLoader();

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        Binder binder = Binder.get(environment);
        boolean namedChat = false;
        for (String name : names(binder, CHAT_MODELS)) {
            if (enabled(binder, CHAT_MODELS, name)) {
                String prefix = beanNamePrefix(CHAT_MODELS, name);
                register(registry, prefix + "ChatModel", QwenChatModel.class, NamedQwenModels.class, "chatModel", name);
                register(
                        registry,
                        prefix + "StreamingChatModel",
                        QwenStreamingChatModel.class,
                        NamedQwenModels.class,
                        "streamingChatModel",
                        name);
                namedChat = true;
            }
        }
        if (namedChat) {
            makePrimary(registry, "qwenChatModel");
            makePrimary(registry, "qwenStreamingChatModel");
        }
        if (ClassUtils.isPresent(EMBEDDING_MODEL_CLASS, classLoader)) {
            registerEmbeddingModels(registry, binder);
        }
    }

    private static void registerEmbeddingModels(BeanDefinitionRegistry registry, Binder binder) {
        boolean named = false;
        for (String name : names(binder, EMBEDDING_MODELS)) {
            if (enabled(binder, EMBEDDING_MODELS, name)) {
                register(
                        registry,
                        beanNamePrefix(EMBEDDING_MODELS, name) + "EmbeddingModel",
                        QwenEmbeddingModel.class,
                        Embeddings.class,
                        "embeddingModel",
                        name);
                named = true;
            }
        }
        if (named) {
            makePrimary(registry, "qwenEmbeddingModel");
        }
    }

    /**
     * The names under {@code section}, in their order: every key with a property under it, model options or only
     * connection overrides.
     */
    private static Set<String> names(Binder binder, String section) {
        return binder.bind(section, Bindable.mapOf(String.class, Object.class))
                .map(Map::keySet)
                .orElse(Set.of());
    }

    /** Whether {@code section.name.enabled} is unset or true. */
    private static boolean enabled(Binder binder, String section, String name) {
        return binder.bind(section + "." + name + ".enabled", Boolean.class).orElse(true);
    }

    /** {@code fast-router} gives {@code fastRouter}; a name that cannot be a bean name fails the startup. */
    static String beanNamePrefix(String section, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidConfigurationPropertyValueException(
                    section + "." + name,
                    name,
                    "A model name must start"
                            + " with a letter and hold only letters, digits, '-' and '_', as it gives the bean name");
        }
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-' || c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : camel.isEmpty() ? Character.toLowerCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    private static void register(
            BeanDefinitionRegistry registry,
            String beanName,
            Class<?> type,
            Class<?> factoryClass,
            String factoryMethod,
            String name) {
        if (registry.containsBeanDefinition(beanName)) {
            return; // the application's own bean of that name wins
        }
        RootBeanDefinition definition = new RootBeanDefinition(factoryClass);
        definition.setFactoryMethodName(factoryMethod);
        definition.setTargetType(type);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
        definition.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
        registry.registerBeanDefinition(beanName, definition);
    }

    private static void makePrimary(BeanDefinitionRegistry registry, String beanName) {
        if (registry.containsBeanDefinition(beanName)) {
            registry.getBeanDefinition(beanName).setPrimary(true);
        }
    }

    /**
     * The chat model named {@code name}; a factory method of its bean definition.
     *
     * @param name the key under {@code chat-models}
     */
    static QwenChatModel chatModel(
            String name,
            QwenProperties properties,
            QwenHttpClient http,
            Environment environment,
            ObjectProvider<ChatModelListener> listeners) {
        return ChatModelFactory.build(
                QwenChatModel.builder(),
                properties,
                CHAT_MODELS + "." + name,
                chatModel(properties, name),
                ConnectionOverrides.bind(environment, CHAT_MODELS + "." + name),
                http,
                listeners);
    }

    /**
     * The streaming chat model named {@code name}; a factory method of its bean definition.
     *
     * @param name the key under {@code chat-models}
     */
    static QwenStreamingChatModel streamingChatModel(
            String name,
            QwenProperties properties,
            QwenHttpClient http,
            Environment environment,
            ObjectProvider<ChatModelListener> listeners) {
        return ChatModelFactory.build(
                QwenStreamingChatModel.builder(),
                properties,
                CHAT_MODELS + "." + name,
                chatModel(properties, name),
                ConnectionOverrides.bind(environment, CHAT_MODELS + "." + name),
                http,
                listeners);
    }

    /** The options of the chat model {@code name}; the defaults when its section holds connection overrides only. */
    private static QwenProperties.ChatModel chatModel(QwenProperties properties, String name) {
        return properties.chatModels().getOrDefault(name, QwenProperties.ChatModel.DEFAULTS);
    }

    /** The embedding factory, in a class of its own: loaded only when qwen-langchain4j-embeddings is present. */
    static final class Embeddings {

        private Embeddings() {}

        /**
         * The embedding model named {@code name}; a factory method of its bean definition.
         *
         * @param name the key under {@code embedding-models}
         */
        static QwenEmbeddingModel embeddingModel(
                String name,
                QwenProperties properties,
                QwenHttpClient http,
                Environment environment,
                ObjectProvider<EmbeddingModelListener> listeners) {
            String section = EMBEDDING_MODELS + "." + name;
            return EmbeddingModelFactory.build(
                    properties,
                    section,
                    properties.embeddingModels().getOrDefault(name, QwenProperties.EmbeddingModel.DEFAULTS),
                    ConnectionOverrides.bind(environment, section),
                    http,
                    listeners);
        }
    }
}
