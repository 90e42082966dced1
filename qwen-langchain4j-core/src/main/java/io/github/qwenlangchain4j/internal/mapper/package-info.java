/**
 * Static conversions between LangChain4j types and Qwen's wire types, shared by the sync and streaming models, and
 * the checks that refuse what Qwen would refuse before a request is sent. Internal: not part of the public API.
 */
package io.github.qwenlangchain4j.internal.mapper;
